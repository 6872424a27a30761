//! Stopping cleanly: SIGTERM (what a service manager or a container
//! platform sends) and Ctrl-C.

use std::future::Future;

/// A future that resolves on SIGTERM or Ctrl-C. The handlers are in place
/// from this call on (it must be made on the async runtime), so a signal
/// that comes before the future is first polled is not lost, and does not
/// kill the process.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {}
                        _ = interrupt.recv() => {}
                    }
                }
                _ => std::future::pending::<()>().await,
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
