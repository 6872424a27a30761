//! One test binary for every integration test: linking is the slow part.

mod cli;
mod lookup;
mod matrix_files;
mod page_fuzz;
mod pages;
mod support;
