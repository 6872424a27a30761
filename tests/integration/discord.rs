//! The real bot, driven end to end through a fake Discord on 127.0.0.1.

use crate::fake_discord::payloads::{self, Who, button_id, embed_text, level, select_id, text};
use crate::fake_discord::{self as fake, FakeDiscord, Fault};
use serde_json::{Value, json};
use skillbot::app::{App, RandomIds, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::config::{DiscordConfig, Secret};
use skillbot::frontends::discord::{DiscordNotifier, client};
use skillbot::matrix::Catalog;
use skillbot::store::{Db, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub const TOKEN: &str = "MTE0.fake-token.never-in-logs-7f3a";

pub struct Bot {
    shards: Arc<poise::serenity_prelude::ShardManager>,
    task: tokio::task::JoinHandle<()>,
    /// The bot's app, for a test to run the weekly pass at times it pins.
    pub app: Arc<App>,
    pub clock: Arc<FixedClock>,
}

impl Bot {
    pub async fn start(fake: &FakeDiscord, db: &Path) -> Bot {
        // Logs show with a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("skillbot=debug,serenity=warn,poise=warn")
            .with_test_writer()
            .try_init();
        let matrix_dir = crate::support::repo_path("data/matrix");
        let config = DiscordConfig {
            token: Secret::new(TOKEN.into()),
            guild_id: Some(fake::GUILD_ID.parse().unwrap()),
            api_base: Some(fake.base.clone()),
            matrix_dir: matrix_dir.clone(),
            database: db.to_path_buf(),
        };
        let clock = Arc::new(FixedClock::new(crate::app_support::t0()));
        let app = App::new(
            Db::open(db).unwrap(),
            Catalog::load_dir(&matrix_dir).unwrap(),
            Settings {
                matrix_dir: matrix_dir.clone(),
                clock: clock.clone(),
                ids: Arc::new(RandomIds),
                notifiers: skillbot::app::Notifiers::new().with(
                    skillbot::team::Platform::Discord,
                    Arc::new(DiscordNotifier::new(&config)),
                ),
                retry: RetryPolicy {
                    backoff: Duration::from_millis(1),
                    ..RetryPolicy::default()
                },
            },
        );
        let before = fake.requests().len();
        let app = Arc::new(app);
        let (mut client, _running) = client(&config, Arc::clone(&app), false).await.unwrap();
        let shards = client.shard_manager.clone();
        let task = tokio::spawn(async move {
            let _ = client.start().await;
        });
        fake.wait_for(before, |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await;
        Bot {
            shards,
            task,
            app,
            clock,
        }
    }

    pub async fn stop(self) {
        self.shards.shutdown_all().await;
        self.task.abort();
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `test` against a fresh fake Discord and a bot started on it, then
/// checks that every body the bot sent is valid for Discord's API.
pub fn with_bot(test: impl AsyncFnOnce(&FakeDiscord, &Path)) {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let db = db_in(&dir);
        let bot = Bot::start(&fake, &db).await;
        test(&fake, &db).await;
        assert_all_valid(&fake);
        bot.stop().await;
    });
}

pub fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("bot.db")
}

/// The real binary as `skillbot discord` against the fake, with its
/// database in `dir` (`db_in`) and its log at `log_level`, to be spawned.
pub fn bot_process(
    fake: &FakeDiscord,
    dir: &tempfile::TempDir,
    log_level: &str,
) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"));
    command
        .args(["--database", db_in(dir).to_str().unwrap()])
        .args([
            "--matrix-dir",
            crate::support::repo_path("data/matrix").to_str().unwrap(),
        ])
        .arg("discord")
        .current_dir(dir.path())
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.base)
        .env("DISCORD_GUILD_ID", fake::GUILD_ID)
        .env("SKILLBOT_LOG", log_level)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

pub fn ann() -> Who {
    Who::member("100000000000000001", "ann")
}
pub fn bob() -> Who {
    Who::member("100000000000000002", "bob")
}
pub fn lee() -> Who {
    Who::admin("100000000000000003", "lee")
}

const EPHEMERAL: u64 = 64;

pub fn assert_all_valid(fake: &FakeDiscord) {
    let invalid = fake.invalid_bodies();
    assert!(
        invalid.is_empty(),
        "bodies Discord's API would refuse:\n{}",
        invalid.join("\n")
    );
}

#[test]
fn commands_register_with_descriptions_on_every_option() {
    with_bot(async |fake, _db| {
        let put = fake.wait_ready().await;
        assert!(
            put.path
                .contains(&format!("/guilds/{}/commands", fake::GUILD_ID)),
            "{}",
            put.path
        );
        let commands = put.body.as_array().unwrap();
        let names: Vec<&str> = commands
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "skill", "skills", "profile", "assess", "history", "matrix", "team", "targets",
                "config", "checkin", "privacy"
            ]
        );
        fn check(c: &Value) {
            assert!(!c["description"].as_str().unwrap_or("").is_empty(), "{c:#}");
            for o in c["options"].as_array().cloned().unwrap_or_default() {
                check(&o);
            }
        }
        commands.iter().for_each(check);
        // Lead-only commands are hidden from members by default.
        let matrix = commands.iter().find(|c| c["name"] == "matrix").unwrap();
        // MANAGE_GUILD (1 << 5); serenity sends "32", the fake records it as a number.
        assert_eq!(matrix["default_member_permissions"], 32);
        // Every command and option of the app's table, with its description.
        for spec in skillbot::app::spec::COMMANDS {
            let mut words = spec.name.split(' ');
            let top = words.next().unwrap();
            let mut c = commands
                .iter()
                .find(|c| c["name"] == top)
                .unwrap_or_else(|| panic!("/{top} not registered"));
            if let Some(sub) = words.next() {
                c = c["options"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|o| o["name"] == sub)
                    .unwrap();
            }
            let en = skillbot::i18n::Locale::EnUs;
            assert_eq!(c["description"], spec.description(en), "/{}", spec.name);
            let options: Vec<&Value> = c["options"]
                .as_array()
                .map(|o| o.iter().collect())
                .unwrap_or_default();
            assert_eq!(options.len(), spec.options.len(), "/{}", spec.name);
            for (o, want) in options.iter().zip(spec.options) {
                assert_eq!(
                    (
                        o["name"].as_str().unwrap(),
                        o["description"].as_str().unwrap()
                    ),
                    (want.name, spec.option_description(want, en).as_str())
                );
                assert_eq!(
                    o["required"].as_bool().unwrap_or(false),
                    want.required,
                    "/{} {}",
                    spec.name,
                    want.name
                );
            }
        }
    });
}

#[test]
fn skill_with_autocomplete_and_whats_next() {
    with_bot(async |fake, _db| {
        let r = fake
            .interact(payloads::autocomplete(
                fake,
                &ann(),
                "skill",
                "skill",
                "lamb",
            ))
            .await;
        assert_eq!(r["type"], 8);
        assert_eq!(r["data"]["choices"][0]["value"], "serverless-functions");
        assert_eq!(
            r["data"]["choices"][0]["name"],
            "Serverless Functions (Serverless)"
        );

        let cmd = payloads::command(
            fake,
            &ann(),
            "skill",
            vec![
                text("skill", "serverless-functions"),
                level("level", "Senior"),
            ],
        );
        let r = fake.interact(cmd).await;
        assert_eq!(r["type"], 4);
        let shown = embed_text(&r);
        assert!(
            shown.starts_with("Serverless Functions: Senior\n"),
            "{shown}"
        );
        assert!(
            shown.contains("Cloud Engineer · Required\nDesigns infrastructure solutions"),
            "{shown}"
        );
        assert_ne!(
            r["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
            EPHEMERAL,
            "the matrix is public"
        );

        let next = button_id(&r, "What's next");
        let r = fake.interact(payloads::button(fake, &bob(), &next)).await;
        assert!(
            embed_text(&r).starts_with("Serverless Functions: from Senior to Lead"),
            "{r:#}"
        );
    });
}

/// /assess by buttons, a select and the note form, to Save.
#[test]
fn a_whole_assessment_by_buttons_and_the_note_form() {
    with_bot(async |fake, db| {
        let r = fake
            .interact(payloads::command(
                fake,
                &ann(),
                "assess",
                vec![text("skill", "serverless")],
            ))
            .await;
        assert_eq!(
            r["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
            EPHEMERAL,
            "self-assessment is private"
        );
        let r = fake
            .interact(payloads::select(
                fake,
                &ann(),
                &select_id(&r),
                &["Platform Engineer"],
            ))
            .await;
        assert_eq!(r["type"], 7, "a step updates the dialog's message");
        assert!(
            embed_text(&r).starts_with("Serverless Functions: Junior (1 of 5)"),
            "{r:#}"
        );
        let r = fake
            .interact(payloads::button(fake, &ann(), &button_id(&r, "I do this")))
            .await;
        let r = fake
            .interact(payloads::button(fake, &ann(), &button_id(&r, "Partly")))
            .await;
        let r = fake
            .interact(payloads::button(fake, &ann(), &button_id(&r, "Not yet")))
            .await;
        let r = fake
            .interact(payloads::button(fake, &ann(), &button_id(&r, "Add a note")))
            .await;
        assert_eq!(r["type"], 9, "a modal opens");
        let form = r["data"]["custom_id"].as_str().unwrap().to_string();
        let r = fake
            .interact(payloads::modal_submit(
                fake,
                &ann(),
                &form,
                &[("note", "Built the webhook handlers 🎣")],
            ))
            .await;
        let summary = embed_text(&r);
        assert!(
            summary.contains("Level: **Junior** (as Platform Engineer), working towards Middle"),
            "{summary}"
        );
        let r = fake
            .interact(payloads::button(fake, &ann(), &button_id(&r, "Save")))
            .await;
        assert!(
            embed_text(&r).contains("You are Junior in Serverless Functions"),
            "{r:#}"
        );

        let mut store = Store::open(db).unwrap();
        let ws = store
            .workspace(
                skillbot::store::Platform::Discord,
                fake::GUILD_ID,
                "",
                crate::app_support::t0(),
            )
            .unwrap();
        let member = store.find_member(ws, &ann().id).unwrap().unwrap();
        let history = store.history(member.id, None).unwrap();
        assert_eq!(
            history[0].note.as_deref(),
            Some("Built the webhook handlers 🎣")
        );
    });
}

#[test]
fn a_member_is_refused_a_lead_command() {
    with_bot(async |fake, _db| {
        let r = fake
            .interact(payloads::subcommand(fake, &bob(), "matrix", "list", vec![]))
            .await;
        assert_eq!(r["type"], 4);
        assert_eq!(r["data"]["flags"].as_u64().unwrap() & EPHEMERAL, EPHEMERAL);
        assert!(
            embed_text(&r).contains("/matrix list is for team leads"),
            "{r:#}"
        );
        let r = fake
            .interact(payloads::subcommand(fake, &lee(), "matrix", "list", vec![]))
            .await;
        assert!(
            embed_text(&r).contains("(serverless-functions) · 5 levels · 4 roles"),
            "{r:#}"
        );
    });
}

#[test]
fn a_dialog_goes_on_after_the_bot_restarts() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        let r = fake
            .interact(payloads::command(
                &fake,
                &ann(),
                "assess",
                vec![text("skill", "serverless"), text("role", "Cloud Engineer")],
            ))
            .await;
        let r = fake
            .interact(payloads::button(&fake, &ann(), &button_id(&r, "I do this")))
            .await;
        let pending = button_id(&r, "I do this");
        bot.stop().await;

        let bot = Bot::start(&fake, &db_in(&dir)).await;
        let r = fake
            .interact(payloads::button(&fake, &ann(), &pending))
            .await;
        assert!(
            embed_text(&r).starts_with("Serverless Functions: Senior (3 of 5)"),
            "{r:#}"
        );
        assert_all_valid(&fake);
        bot.stop().await;
    });
}

/// lee starts rating bob as a Cloud Engineer in Serverless Functions,
/// directly at `at`: the dialog's first message.
async fn lee_rates_bob_at(fake: &FakeDiscord, at: &str) -> Value {
    let (option, resolved) = payloads::user_option("member", &bob());
    let cmd = payloads::command_with(
        fake,
        &lee(),
        "assess",
        vec![
            text("skill", "serverless"),
            text("role", "Cloud Engineer"),
            level("level", at),
            option,
        ],
        resolved,
    );
    fake.interact(cmd).await
}

/// A lead's rating is sent to the member by DM; Discord may refuse it.
async fn lead_rates_bob(fake: &FakeDiscord) -> usize {
    let r = lee_rates_bob_at(fake, "Lead").await;
    let r = fake
        .interact(payloads::button(fake, &lee(), &button_id(&r, "Skip")))
        .await;
    let before = fake.requests().len();
    let r = fake
        .interact(payloads::button(fake, &lee(), &button_id(&r, "Save")))
        .await;
    assert!(
        embed_text(&r).contains("bob is Lead in Serverless Functions"),
        "{r:#}"
    );
    before
}

#[test]
fn a_refused_dm_is_reported_to_the_lead() {
    with_bot(async |fake, _db| {
        fake.fail_next(Fault::cannot_dm());
        let before = lead_rates_bob(fake).await;
        let followup = fake
            .wait_for(before, |r| {
                r.method == "POST" && r.path.starts_with("/api/v10/webhooks/")
            })
            .await;
        let text = followup.body["content"].as_str().unwrap();
        assert!(text.contains("do not accept direct messages"), "{text}");
        assert_eq!(followup.body["flags"], EPHEMERAL);
    });
}

#[test]
fn a_rate_limited_dm_is_retried() {
    with_bot(async |fake, _db| {
        fake.fail_next(Fault::rate_limited());
        let before = lead_rates_bob(fake).await;
        // The first send got 429; the retry goes through.
        let is_dm =
            |r: &fake::Recorded| r.method == "POST" && r.path.starts_with("/api/v10/channels/");
        let first = fake.wait_for(before, is_dm).await;
        let at = fake
            .requests()
            .iter()
            .skip(before)
            .position(|r| r.path == first.path && r.method == "POST")
            .unwrap();
        let retry = fake.wait_for(before + at + 1, is_dm).await;
        assert!(
            retry.body["content"]
                .as_str()
                .unwrap()
                .contains("recorded your level in Serverless Functions: Lead")
        );
    });
}

#[test]
fn the_fake_logs_every_request_when_asked() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.jsonl");
        let fake = FakeDiscord::start_logging(Some(log.clone())).await;
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        fake.interact(payloads::command(&fake, &ann(), "profile", vec![])).await;
        bot.stop().await;
        let lines: Vec<Value> = std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(lines.iter().any(|l| l["method"] == "PUT" && l["path"].as_str().unwrap().ends_with("/commands")));
        assert!(lines.iter().any(|l| l["path"].as_str().unwrap().ends_with("/callback") && l["body"]["type"] == 4));
        assert_eq!(json!(lines.len()), json!(fake.requests().len()));
    });
}

/// The real binary, in its own process, against the fake: it answers, logs
/// a line per interaction, and never logs the token, even at trace level.
#[test]
fn the_binary_runs_against_the_fake_and_never_logs_its_token() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
        let mut child = bot_process(&fake, &dir, "trace")
            .stderr(log)
            .spawn()
            .unwrap();
        fake.wait_ready().await;
        let r = fake
            .interact(payloads::command(
                &fake,
                &ann(),
                "skill",
                vec![text("skill", "lambda"), level("level", "Lead")],
            ))
            .await;
        assert!(
            embed_text(&r).starts_with("Serverless Functions: Lead"),
            "{r:#}"
        );
        // The log line follows Discord's answer to the callback: wait for it.
        let path = dir.path().join("stderr.log");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("interaction=\"/skill\"")
            && std::time::Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let logs = std::fs::read_to_string(dir.path().join("stderr.log")).unwrap();
        assert!(
            logs.contains("interaction=\"/skill\""),
            "{}",
            &logs[..logs.len().min(3000)]
        );
        assert!(logs.contains("latency_ms="), "no latency in the log");
        assert!(logs.contains("outcome=Ok"));
        assert!(!logs.contains(TOKEN), "the token leaked into the logs");
        assert!(
            !logs.contains("never-in-logs"),
            "part of the token leaked into the logs"
        );
        assert_all_valid(&fake);
    });
}

/// /matrix import with an attached page: deferred, downloaded, previewed,
/// confirmed.
#[test]
fn a_lead_imports_an_attached_page() {
    with_bot(async |fake, _db| {
        let page = crate::support::fixture("pages/kubernetes-operators.en.txt").into_bytes();
        let size = page.len();
        let url = fake.host_attachment("kubernetes-operators.en.txt", page);
        let attachment = json!({"id": "700000000000000001", "filename": "kubernetes-operators.en.txt", "size": size,
            "url": url, "proxy_url": url, "content_type": "text/plain"});
        let mut cmd = payloads::subcommand(
            fake,
            &lee(),
            "matrix",
            "import",
            vec![
                json!({"name": "file", "type": 11, "value": "700000000000000001"}),
                text("name", "Kubernetes Operators"),
            ],
        );
        cmd["data"]["resolved"] = json!({"attachments": {"700000000000000001": attachment}});
        let before = fake.requests().len();
        let r = fake.interact(cmd).await;
        assert_eq!(r["type"], 5, "deferred before the download");
        // After a defer the answer comes as a follow-up (or an edit of the original).
        let edit = fake
            .wait_for(before, |r| r.path.starts_with("/api/v10/webhooks/"))
            .await;
        let preview = edit.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            preview.starts_with("Would add **Kubernetes Operators** (kubernetes-operators)"),
            "{preview}"
        );
        let confirm = button_id(&json!({"data": edit.body}), "Confirm");
        let r = fake
            .interact(payloads::button(fake, &lee(), &confirm))
            .await;
        assert!(
            embed_text(&r).contains("Imported **Kubernetes Operators**"),
            "{r:#}"
        );
        let r = fake
            .interact(payloads::command(
                fake,
                &ann(),
                "skill",
                vec![text("skill", "operators"), level("level", "Lead")],
            ))
            .await;
        assert!(
            embed_text(&r).starts_with("Kubernetes Operators: Lead"),
            "{r:#}"
        );
    });
}

/// The lead role is set with a role option and recognised on members.
#[test]
fn a_lead_role_set_on_discord_makes_its_members_leads() {
    with_bot(async |fake, _db| {
        let role = json!({"id": "600000000000000001", "name": "Team Leads", "color": 0, "colors": {"primary_color": 0},
            "hoist": false, "position": 1, "permissions": "0", "managed": false, "mentionable": true, "flags": 0});
        let mut cmd = payloads::subcommand(
            fake,
            &lee(),
            "config",
            "lead-role",
            vec![json!({"name": "role", "type": 8, "value": "600000000000000001"})],
        );
        cmd["data"]["resolved"] = json!({"roles": {"600000000000000001": role}});
        let r = fake.interact(cmd).await;
        assert!(
            embed_text(&r)
                .contains("Members with the role <@&600000000000000001> now count as team leads"),
            "{r:#}"
        );
        let mut carol = Who::member("100000000000000009", "carol");
        carol.roles = vec!["600000000000000001".into()];
        let r = fake
            .interact(payloads::subcommand(fake, &carol, "matrix", "list", vec![]))
            .await;
        assert!(
            embed_text(&r).contains("(serverless-functions) · 5 levels"),
            "{r:#}"
        );
    });
}

/// A lead's rating with a note reaches the member by DM with the note and
/// what comes next; times are Discord timestamps, which each reader sees in
/// their own zone; /history shows who rated and the note.
#[test]
fn a_leads_note_reaches_the_member_and_their_history() {
    with_bot(async |fake, _db| {
        let r = lee_rates_bob_at(fake, "Senior").await;
        let r = fake
            .interact(payloads::button(fake, &lee(), &button_id(&r, "Add a note")))
            .await;
        let form = r["data"]["custom_id"].as_str().unwrap().to_string();
        let r = fake
            .interact(payloads::modal_submit(
                fake,
                &lee(),
                &form,
                &[("note", "pair with bob on Terraform")],
            ))
            .await;
        let before = fake.requests().len();
        let r = fake
            .interact(payloads::button(fake, &lee(), &button_id(&r, "Save")))
            .await;
        let saved = embed_text(&r);
        assert!(
            saved.contains("Saved <t:1795773600:f>: bob is Senior"),
            "{saved}"
        );
        let dm = fake
            .wait_for(before, |r| {
                r.method == "POST" && r.path.starts_with("/api/v10/channels/")
            })
            .await;
        let content = dm.body["content"].as_str().unwrap();
        assert!(
            content.starts_with(
                "lee recorded your level in Serverless Functions: Senior (as Cloud Engineer), <t:1795773600:f>.\n\
                 Their note: “pair with bob on Terraform”\nNext, Lead expects:\n• Required: "
            ),
            "{content}"
        );
        let r = fake
            .interact(payloads::command(fake, &bob(), "history", vec![]))
            .await;
        let history = embed_text(&r);
        assert!(
            history
                .contains("<t:1795773600:D> · Senior · lead lee\n  “pair with bob on Terraform”"),
            "{history}"
        );
    });
}
