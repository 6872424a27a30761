//! What the front-end benchmarks share: skillbot and a bare bot measured
//! as their own processes, in alternation, and their resident memory.

use std::future::Future;

/// How many times each bot is measured.
const ROUNDS: usize = 3;

/// Measures `bare` and `skillbot` in turn, `ROUNDS` times each, on a
/// two-worker runtime (the machine's cores): drift on a shared machine
/// hits both.
pub fn alternately<B: Copy, R, Fut>(bare: B, skillbot: B, measure: impl Fn(B) -> Fut) -> Vec<R>
where
    Fut: Future<Output = R>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut rows = Vec::with_capacity(2 * ROUNDS);
        for _ in 0..ROUNDS {
            rows.push(measure(bare).await);
            rows.push(measure(skillbot).await);
        }
        rows
    })
}

/// Resident memory of a process, from /proc.
pub fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
