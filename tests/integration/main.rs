//! One test binary for every integration test: linking is the slow part.

mod adversarial;
mod app_commands;
mod app_dialogs;
mod app_support;
mod checkin_cli;
mod checkin_support;
mod checkins;
mod cli;
mod console;
mod discord;
mod discord_checkins;
mod discord_reports;
mod durability;
mod fake_discord;
mod first_month;
mod lead_round;
mod lookup;
mod matrix_files;
mod page_fuzz;
mod pages;
mod report_cli;
mod shutdown;
mod store;
mod support;
mod team_reports;
