//! The store for async code: each call runs on tokio's blocking pool, so a
//! slow disk never stalls the chat connection.

use super::{Result, Store, StoreError};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct StoreHandle {
    store: Arc<Mutex<Store>>,
}

impl StoreHandle {
    pub fn new(store: Store) -> StoreHandle {
        StoreHandle {
            store: Arc::new(Mutex::new(store)),
        }
    }

    /// Runs one use case (one transaction) against the store.
    pub async fn call<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier call rolled its transaction back when
            // it unwound, so the connection is still sound.
            let mut store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }
}
