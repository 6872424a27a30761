//! One test binary for every integration test: linking is the slow part.

mod cli;
mod durability;
mod lookup;
mod matrix_files;
mod page_fuzz;
mod pages;
mod store;
mod support;
