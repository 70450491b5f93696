import type { INetworkPolicyPeer, INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1';
import { ofKind, selectorMatches, type K8sObject, type Labels } from './k8s-objects';

/** Who opens a connection: a pod with these labels, in this namespace (labels as the cluster sets them). */
export interface Source {
  namespace: string;
  podLabels: Labels;
}

const namespaceLabels = (namespace: string): Labels => ({ 'kubernetes.io/metadata.name': namespace });

function peerAdmits(peer: INetworkPolicyPeer, source: Source, policyNamespace: string): boolean {
  if (peer.ipBlock) return false;
  // An empty selector ({}) matches everything; a missing namespaceSelector means the policy's own namespace.
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabels(source.namespace))
    : source.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, source.podLabels) : true;
  return namespaceOk && podOk;
}

/**
 * Kubernetes NetworkPolicy semantics for ingress to one pod: allowed when no policy selects the pod for
 * Ingress; otherwise when any rule of any selecting policy admits the source on that TCP port. Named ports
 * are not used by these manifests and count as no match.
 */
export function canReach(objects: K8sObject[], source: Source, target: Labels, port: number): boolean {
  const policies = ofKind(objects, 'NetworkPolicy').filter((p) => {
    const s = p.spec as INetworkPolicySpec;
    const selectsAll = !s.podSelector.matchLabels && !s.podSelector.matchExpressions;
    const types = s.policyTypes ?? ['Ingress'];
    return types.includes('Ingress') && (selectsAll || selectorMatches(s.podSelector, target));
  });
  if (policies.length === 0) return true;
  return policies.some((p) => {
    const policyNamespace = p.metadata.namespace ?? source.namespace;
    return ((p.spec as INetworkPolicySpec).ingress ?? []).some((rule) => {
      const fromOk =
        !rule.from || rule.from.length === 0 || rule.from.some((peer) => peerAdmits(peer, source, policyNamespace));
      const portOk =
        !rule.ports ||
        rule.ports.length === 0 ||
        rule.ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && p.port === port);
      return fromOk && portOk;
    });
  });
}
