//! One test binary for every integration test: linking is the slow part.

mod adversarial;
mod app_commands;
mod app_dialogs;
mod app_support;
mod cli;
mod console;
mod discord;
mod durability;
mod fake_discord;
mod lead_round;
mod lookup;
mod matrix_files;
mod page_fuzz;
mod pages;
mod store;
mod support;
