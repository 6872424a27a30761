//! The ids of new dialogs.

use std::sync::atomic::Ordering;

/// Makes the ids of new dialogs; tests pass a predictable one.
pub trait IdSource: Send + Sync {
    fn new_id(&self) -> String;
}

/// Random 128-bit ids, for production.
#[derive(Debug)]
pub struct RandomIds;

impl IdSource for RandomIds {
    fn new_id(&self) -> String {
        uuid::Uuid::new_v4().simple().to_string()
    }
}

/// "d1", "d2", ...: for tests.
#[derive(Debug, Default)]
pub struct CountingIds(std::sync::atomic::AtomicU64);

impl IdSource for CountingIds {
    fn new_id(&self) -> String {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        format!("d{n}")
    }
}
