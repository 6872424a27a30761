//! Transactions that nest: each store method is one unit of work, and
//! `Store::atomically` makes several of them one.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, Savepoint, Transaction};
use std::ops::Deref;

/// One unit of work: a transaction of its own (taking the write lock when
/// it begins), or, inside a larger one, a savepoint of it.
pub(super) enum Tx<'c> {
    Own(Transaction<'c>),
    Part(Savepoint<'c>),
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Tx::Own(t) => t,
            Tx::Part(s) => s,
        }
    }
}

impl Tx<'_> {
    pub(super) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Tx::Own(t) => t.commit(),
            Tx::Part(s) => s.commit(),
        }
    }
}

/// Begins a unit of work on `conn`.
pub(super) fn begin(conn: &mut Connection) -> rusqlite::Result<Tx<'_>> {
    if conn.is_autocommit() {
        conn.transaction().map(Tx::Own)
    } else {
        conn.savepoint().map(Tx::Part)
    }
}

impl Store {
    /// Runs `work` as one transaction: every change it makes is kept, or
    /// (when it fails, or the process dies meanwhile) none is.
    pub fn atomically<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(StoreError::from)?;
        match work(self) {
            Ok(done) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(StoreError::from)?;
                Ok(done)
            }
            Err(e) => {
                // Nothing of the work may stay, whatever the rollback says.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}
