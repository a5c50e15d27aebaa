// The chat server's commit times during a run, from its own /metrics
// (chat_store_commit_seconds, chat_store_commit_writes): every acknowledged send
// waits for one commit, so these are the floor under the send-to-receive latency.
export interface CommitSnapshot {
  count: number;
  seconds: number;
  writes: number;
  /** Cumulative counts by bucket upper bound in seconds, as Prometheus exports them. */
  buckets: [number, number][];
}

export interface CommitFigures {
  commits: number;
  writesPerCommit: number;
  meanMs: number;
  /** Upper bounds of the histogram buckets holding the 50th and 99th percentile commit. */
  p50UpToMs: number;
  p99UpToMs: number;
}

export async function commitSnapshot(serverUrl: string): Promise<CommitSnapshot> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const buckets: [number, number][] = [];
  for (const m of text.matchAll(/^chat_store_commit_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) {
    buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
  }
  return { count: value('chat_store_commit_seconds_count'), seconds: value('chat_store_commit_seconds_sum'), writes: value('chat_store_commit_writes_sum'), buckets };
}

export function commitFigures(before: CommitSnapshot, after: CommitSnapshot): CommitFigures {
  const commits = after.count - before.count;
  const upTo = (q: number) => {
    const wanted = q * commits;
    for (const [i, [le, cumulative]] of after.buckets.entries()) {
      if (cumulative - (before.buckets[i]?.[1] ?? 0) >= wanted) return le * 1000;
    }
    return Infinity;
  };
  return {
    commits,
    writesPerCommit: (after.writes - before.writes) / commits,
    meanMs: ((after.seconds - before.seconds) / commits) * 1000,
    p50UpToMs: upTo(0.5),
    p99UpToMs: upTo(0.99),
  };
}
