// A list of networks as the viewer may see them: name, how one joins, members, and where the
// viewer's organisation stands.
import type { NetworkSummary } from '@dialogforum/contracts';
import { Link } from '../router.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkList({ networks, labelledBy }: { networks: NetworkSummary[]; labelledBy: string }) {
  const { n } = useNetworksText();
  return (
    <ul className="plain-list network-list" aria-labelledby={labelledBy}>
      {networks.map((network) => (
        <li key={network.id}>
          <Link to={`/networks/${encodeURIComponent(network.id)}`}>{network.name}</Link>
          <span className="network-facts">
            {' · '}
            {n(`short.${network.joining}`)}
            {' · '}
            {n('members', { count: network.memberCount })}
            {network.standing && ` · ${n(`standing.${network.standing}`)}`}
            {network.dissolved && ` · ${n('dissolved')}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
