//! The `skillbot` command line: argument types and dispatch.

mod checkin_cmd;
mod console_cmd;
mod db_cmd;
mod discord_cmd;
mod matrix_cmd;
mod report_cmd;
mod run_cmd;
mod skill_cmd;
mod slack_cmd;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "skillbot",
    version,
    about = "A team chat bot for growing skills against a skill matrix"
)]
pub struct Cli {
    /// Directory of skill files (one TOML file per skill).
    #[arg(
        long,
        global = true,
        env = "SKILLBOT_MATRIX_DIR",
        default_value = "data/matrix"
    )]
    pub matrix_dir: PathBuf,

    /// The SQLite database file.
    #[arg(
        long,
        global = true,
        env = "SKILLBOT_DATABASE",
        default_value = "data/skillbot.db"
    )]
    pub database: PathBuf,

    /// Act as if it were this time (RFC 3339, e.g. 2026-11-27T09:00:00Z),
    /// with the clock standing still: for tests and for replaying a run.
    #[arg(long, global = true, env = "SKILLBOT_NOW", value_parser = parse_now)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,

    #[command(subcommand)]
    pub command: Command,
}

fn parse_now(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("{e}: give a time such as 2026-11-27T09:00:00Z"))
}

impl Cli {
    /// The clock commands read: the system's, or `--now` standing still.
    pub fn clock(&self) -> std::sync::Arc<dyn crate::clock::Clock> {
        match self.now {
            Some(at) => std::sync::Arc::new(crate::clock::FixedClock::new(at)),
            None => std::sync::Arc::new(crate::clock::SystemClock),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what a skill expects at a level, role by role.
    Skill {
        /// Skill slug, name, group or tag word (e.g. "serverless", "lambda").
        skill: String,
        /// Level name, alias or number (junior, mid, senior, staff, principal, 1-5).
        level: String,
        /// Only this role (name, prefix or initials, e.g. "ce").
        #[arg(long)]
        role: Option<String>,
        /// Show what the next level adds instead (the promotion view).
        #[arg(long)]
        next: bool,
    },
    /// Use skillbot from the terminal, typing commands as in a chat box.
    Console {
        /// The workspace (team) to act in.
        #[arg(long, default_value = "local")]
        workspace: String,
        /// Who you are in that workspace [default: $USER, or "me"].
        #[arg(long = "as")]
        name: Option<String>,
        /// Act as a team lead.
        #[arg(long)]
        lead: bool,
    },
    /// Run the Discord bot (DISCORD_TOKEN; see .env.example).
    Discord,
    /// Run every front end that is configured in one process, on one
    /// database: Discord when DISCORD_TOKEN is set, Slack when
    /// SLACK_BOT_TOKEN is.
    Run,
    /// Run the Slack app (SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket
    /// Mode, or SLACK_SIGNING_SECRET and SLACK_LISTEN for the HTTP Events
    /// API; see .env.example), or print its manifest.
    Slack {
        #[command(subcommand)]
        command: Option<SlackCommand>,
    },
    /// List, import and check skill matrix files.
    #[command(subcommand)]
    Matrix(MatrixCommand),
    /// Back up or check the database.
    #[command(subcommand)]
    Db(DbCommand),
    /// The weekly check-ins, without a long-lived bot.
    #[command(subcommand)]
    Checkin(CheckinCommand),
    /// Team reports for a lead at a terminal (each run is audited).
    #[command(subcommand)]
    Report(ReportCommand),
    /// Demo data to try skillbot with.
    #[command(subcommand)]
    Demo(DemoCommand),
}

#[derive(Debug, Subcommand)]
pub enum SlackCommand {
    /// Print the Slack app manifest (JSON) to paste into Slack's "Create an
    /// app" → "From a manifest"; the bot scopes and why go to stderr.
    Manifest {
        /// The bot's public base URL, for the HTTP Events API; without it
        /// the manifest turns Socket Mode on (no public URL needed).
        #[arg(long)]
        http_url: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Fill a new console workspace with a generated team: roles of the
    /// matrix, months of self and lead ratings, targets.
    Seed {
        /// The workspace to make (it must not have members yet).
        #[arg(long, default_value = "demo")]
        workspace: String,
        /// How many members.
        #[arg(long, default_value_t = 24)]
        members: usize,
    },
}

/// Which workspace, skill and role a report covers.
#[derive(Debug, Args)]
pub struct ReportScope {
    /// The workspace: the name used with `console --workspace`, or the
    /// Discord server id.
    #[arg(long)]
    pub workspace: String,
    /// Only this skill (name, slug, or a word of it).
    #[arg(long)]
    pub skill: Option<String>,
    /// Only members with this role.
    #[arg(long)]
    pub role: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    #[default]
    Text,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Per skill and role: members at each level, median, target, stale
    /// ratings, disagreements, who was never assessed.
    Summary {
        #[command(flatten)]
        scope: ReportScope,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Members below their role's target, largest gaps first, and what
    /// their next level asks.
    Gaps {
        #[command(flatten)]
        scope: ReportScope,
        /// Only this member (their name in the console, or user id).
        #[arg(long)]
        member: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Who moved up or down in a skill (--skill), and the levels week by
    /// week; with --out, the chart as a PNG file.
    Trend {
        #[command(flatten)]
        scope: ReportScope,
        /// How many weeks back.
        #[arg(long, default_value_t = 12)]
        weeks: u32,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
        /// Write the chart to this PNG file instead.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Every member's level per skill (or, with --history, every rating),
    /// as CSV (or JSON with --format json).
    Export {
        #[command(flatten)]
        scope: ReportScope,
        #[arg(long)]
        history: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
    },
    /// The members × skills heatmap as a PNG file.
    Heatmap {
        #[command(flatten)]
        scope: ReportScope,
        /// The PNG file to write (never over an existing one without --force).
        #[arg(long)]
        out: PathBuf,
        /// Replace the --out file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckinCommand {
    /// Send what is due now (check-ins, reminders, digests) and exit: for
    /// cron. Discord needs DISCORD_TOKEN (and DISCORD_API_BASE as for the
    /// bot), Slack SLACK_BOT_TOKEN (and SLACK_API_URL as for the app);
    /// console members find theirs when they next open the console.
    RunDue {
        /// One JSON object per line for each message handled.
        #[arg(long)]
        json: bool,
        /// Run the pass at a --now more than a day from this machine's
        /// clock (a replay of a missed run, a test): refused without it.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy the live database to a new file (safe while the bot runs).
    Backup {
        /// The backup file to create; it must not exist yet.
        path: PathBuf,
    },
    /// Check the database's integrity and schema version, changing nothing.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum MatrixCommand {
    /// List the skills of the matrix directory.
    List,
    /// Import a skill page into a TOML skill file.
    Import {
        /// The page, as saved from the skill-matrix site (any interface language).
        page: PathBuf,
        /// Slug of the skill [default: the file name up to its first dot].
        #[arg(long)]
        slug: Option<String>,
        /// Name of the skill [default: the slug in title case].
        #[arg(long)]
        name: Option<String>,
        /// Where to write SLUG.toml [default: the matrix directory].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a commented skeleton of a new skill file to fill in: every
    /// level for each role, descriptions empty.
    New {
        /// Slug of the new skill (lowercase letters, digits, '-' or '_').
        slug: String,
        /// Name of the skill [default: the slug in title case].
        #[arg(long)]
        name: Option<String>,
        /// A role the skill matters to (repeat it) [default: the matrix's roles].
        #[arg(long = "role")]
        roles: Vec<String>,
        /// Where to write SLUG.toml [default: the matrix directory].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Validate pages or TOML skill files without writing anything.
    Check {
        /// Files to check: *.toml are skill files, anything else a page.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Slug of the skill, for a single page [default: the file name up to its first dot].
        #[arg(long)]
        slug: Option<String>,
        /// Name of the skill, for a single page [default: the slug in title case].
        #[arg(long)]
        name: Option<String>,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
    },
}

/// What went wrong, worded for the person at the terminal; the cause is
/// kept, not flattened into text.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Matrix(#[from] crate::matrix::LoadError),
    #[error(transparent)]
    File(#[from] crate::matrix::FileError),
    #[error("{}", .0.message().render(crate::i18n::Locale::default()))]
    Lookup(#[from] crate::matrix::LookupError),
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    /// The bot stopped with an error (its chain, from anyhow).
    #[error("{0:#}")]
    Bot(anyhow::Error),
    /// The command was used in a way it cannot be: what to do instead.
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// Standard output's reader went away (`skillbot ... | head`): not a
    /// fault to report.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, Failure::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Failure {
        let what = what.into();
        move |source| Failure::Io { what, source }
    }
}

impl From<std::io::Error> for Failure {
    fn from(source: std::io::Error) -> Self {
        Failure::Io {
            what: "cannot read or write".into(),
            source,
        }
    }
}

impl Command {
    /// Its name as typed, for messages.
    fn name(&self) -> &'static str {
        match self {
            Command::Skill { .. } => "skill",
            Command::Console { .. } => "console",
            Command::Discord => "discord",
            Command::Run => "run",
            Command::Slack { .. } => "slack",
            Command::Matrix(_) => "matrix",
            Command::Db(_) => "db",
            Command::Checkin(_) => "checkin",
            Command::Report(_) => "report",
            Command::Demo(_) => "demo",
        }
    }

    /// Whether the command reads the clock, so that `--now` means
    /// something to it.
    fn reads_the_clock(&self) -> bool {
        match self {
            Command::Console { .. }
            | Command::Checkin(_)
            | Command::Report(_)
            | Command::Demo(_)
            | Command::Matrix(MatrixCommand::New { .. }) => true,
            Command::Skill { .. }
            | Command::Discord
            | Command::Run
            | Command::Slack { .. }
            | Command::Matrix(_)
            | Command::Db(_) => false,
        }
    }
}

/// How far from the machine's clock a check-in pass may be run without
/// `--force`: a pass plans everyone's next check-in from its own time.
const PASS_DRIFT_HOURS: i64 = 24;

/// `--now` where it does nothing, or a pass far from the machine's clock
/// by mistake, is refused before anything runs.
fn check_now(cli: &Cli) -> Result<(), Failure> {
    let Some(at) = cli.now else {
        return Ok(());
    };
    if !cli.command.reads_the_clock() {
        return Err(Failure::Usage(format!(
            "--now has no effect on `skillbot {}`, which never reads the clock: leave it out (and \
             unset SKILLBOT_NOW if it is set)",
            cli.command.name()
        )));
    }
    if let Command::Checkin(CheckinCommand::RunDue { force: false, .. }) = cli.command {
        let drift = at - chrono::Utc::now();
        if drift.num_hours().abs() >= PASS_DRIFT_HOURS {
            let (amount, way) = if drift > chrono::TimeDelta::zero() {
                (drift, "ahead of")
            } else {
                (-drift, "behind")
            };
            return Err(Failure::Usage(format!(
                "--now {} is {} {way} this machine's clock, and a pass plans everyone's next \
                 check-in from its own time: nothing was run. Check the time; to run the pass at \
                 that time all the same (a replay, a test), add --force",
                at.to_rfc3339(),
                crate::text::count(amount.num_days().unsigned_abs() as usize, "day")
            )));
        }
    }
    Ok(())
}

/// Runs one command, writing its answer to `out`. `Ok(false)` means the
/// command ran but found faults (the process should exit 1).
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<bool, Failure> {
    check_now(&cli)?;
    let clock = cli.clock();
    match cli.command {
        Command::Skill {
            skill,
            level,
            role,
            next,
        } => skill_cmd::run(&cli.matrix_dir, &skill, &level, role.as_deref(), next, out),
        Command::Console {
            workspace,
            name,
            lead,
        } => {
            let user = std::env::var("USER").ok();
            let config = crate::config::ConsoleConfig::new(workspace, name, user, lead);
            console_cmd::run(&cli.matrix_dir, &cli.database, clock, &config)
        }
        Command::Discord => discord_cmd::run(&cli.matrix_dir, &cli.database),
        Command::Run => run_cmd::run(&cli.matrix_dir, &cli.database),
        Command::Slack {
            command: Some(SlackCommand::Manifest { http_url }),
        } => slack_cmd::manifest(http_url, out),
        Command::Slack { command: None } => slack_cmd::run(&cli.matrix_dir, &cli.database),
        Command::Matrix(MatrixCommand::List) => matrix_cmd::list(&cli.matrix_dir, out),
        Command::Matrix(MatrixCommand::Import {
            page,
            slug,
            name,
            out: dir,
        }) => matrix_cmd::import(
            &page,
            slug,
            name,
            dir.as_deref().unwrap_or(&cli.matrix_dir),
            out,
        ),
        Command::Matrix(MatrixCommand::New {
            slug,
            name,
            roles,
            out: dir,
        }) => matrix_cmd::new_skill(
            &cli.matrix_dir,
            &slug,
            name.as_deref(),
            &roles,
            dir.as_deref().unwrap_or(&cli.matrix_dir),
            clock.now().date_naive(),
            out,
        ),
        Command::Matrix(MatrixCommand::Check {
            files,
            slug,
            name,
            json,
        }) => matrix_cmd::check(&files, slug.as_deref(), name.as_deref(), json, out),
        Command::Db(DbCommand::Backup { path }) => db_cmd::backup(&cli.database, &path, out),
        Command::Db(DbCommand::Check) => db_cmd::check(&cli.database, out),
        Command::Report(report) => {
            let now = clock.now();
            let open = |scope: &ReportScope| {
                report_cmd::Run::open(&cli.matrix_dir, &cli.database, scope, now)
            };
            match report {
                ReportCommand::Summary { scope, format } => {
                    report_cmd::summary(open(&scope)?, format, out)
                }
                ReportCommand::Gaps {
                    scope,
                    member,
                    format,
                } => report_cmd::gaps(open(&scope)?, member.as_deref(), format, out),
                ReportCommand::Trend {
                    scope,
                    weeks,
                    format,
                    out: png,
                    force,
                } => report_cmd::trend(open(&scope)?, weeks, format, png.as_deref(), force, out),
                ReportCommand::Export {
                    scope,
                    history,
                    format,
                } => report_cmd::export(open(&scope)?, history, format, out),
                ReportCommand::Heatmap {
                    scope,
                    out: png,
                    force,
                } => report_cmd::heatmap(open(&scope)?, &png, force, out),
            }
        }
        Command::Demo(DemoCommand::Seed { workspace, members }) => {
            if !(1..=10_000).contains(&members) {
                return Err(Failure::Usage(format!(
                    "--members is 1 to 10000, not {members}"
                )));
            }
            let catalog = crate::matrix::Catalog::load_dir(&cli.matrix_dir)?;
            let mut store = crate::store::Store::open(&cli.database)?;
            let seeded = crate::demo::seed(&mut store, &catalog, &workspace, members, clock.now())
                .map_err(|e| Failure::Usage(e.to_string()))?;
            writeln!(
                out,
                "Seeded {workspace}: {}, {}, {}.",
                crate::text::count(seeded.members, "member"),
                crate::text::count(seeded.ratings, "rating"),
                crate::text::count(seeded.targets, "target")
            )?;
            writeln!(
                out,
                "See it as their lead: skillbot console --workspace {workspace} --as {} --lead",
                seeded.lead
            )?;
            writeln!(
                out,
                "then /team summary, /team gaps, /team trend <skill>, /team export."
            )?;
            Ok(true)
        }
        Command::Checkin(CheckinCommand::RunDue { json, .. }) => {
            checkin_cmd::run_due(&cli.matrix_dir, &cli.database, clock, json, out)
        }
    }
}
