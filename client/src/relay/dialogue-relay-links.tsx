// On a dialogue's page, for its buyers: hand over the baton from this dialogue's project, or take
// one for it. Without a project yet, both start one (the dialogue chosen beforehand).
import { useQuery } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { Link } from '../router.tsx';
import { useRelayText } from './relay-text.ts';

export function DialogueRelayLinks({ dialogue }: { dialogue: DialogueView }) {
  const { r } = useRelayText();
  const projects = useQuery(trpc.relay.mine.queryOptions({ dialogueId: dialogue.id }));
  if (!projects.data) return null;
  const dialogueParam = `dialogue=${encodeURIComponent(dialogue.id)}`;
  const project = projects.data[0];
  const projectPath = project ? `/relay/${encodeURIComponent(project.id)}` : null;
  const give = projectPath ? (project?.handover ? projectPath : `${projectPath}/handover`) : `/relay/new?${dialogueParam}&handover=1`;
  const take = projectPath ? `${projectPath}#relay-chain-heading` : `/relay/new?${dialogueParam}`;
  return (
    <div className="owner-actions">
      <Link to={give} className="button button-secondary">
        {r('give')}
      </Link>
      <Link to={take} className="button button-secondary">
        {r('take')}
      </Link>
      {projects.data.length > 0 && (
        <p>
          {r('yourProjects')}:{' '}
          {projects.data.map((own, index) => (
            <span key={own.id}>
              {index > 0 && ', '}
              <Link to={`/relay/${encodeURIComponent(own.id)}`}>{own.title}</Link>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
