//! 17.6 and 17.7. A pass through an outage or a long rate limit ends in
//! bounded time and leaves the rest for the next pass; Discord's own wait
//! is honoured and the DM channel opened once; run-due prints as it goes
//! and stops cleanly on SIGTERM, leaving no claim and no log behind.

use crate::checkin_support::{Team, line, member};
use crate::fake_discord::{FakeDiscord, Fault};
use serde_json::json;
use skillbot::app::notify::{Limits, send_within};
use skillbot::app::{Delivery, Notice, PassEnd, PassOptions, Recipient, RetryPolicy};
use skillbot::team::Platform;
use std::time::Duration;

fn team_of(n: usize) -> (Team, Vec<String>) {
    let mut t = Team::new("2026-03-23T12:00:00Z");
    t.run(
        &crate::checkin_support::lead(),
        "/checkin schedule monday 09:00 Europe/Berlin",
    );
    let names: Vec<String> = (0..n).map(|i| format!("m{i:02}")).collect();
    for name in &names {
        t.run(&member(name), "/profile role:ce");
    }
    t.at("2026-03-30T07:00:00Z");
    (t, names)
}

/// One pass with `options`; its lines and how it ended.
fn pass(t: &mut Team, options: &PassOptions) -> (Vec<String>, PassEnd) {
    let lines = std::sync::Mutex::new(Vec::new());
    let report = |e: &skillbot::app::PassEvent| lines.lock().unwrap().push(line(e));
    let now = t.now;
    let summary = t
        .runtime
        .block_on(t.app.run_pass(now, &[Platform::Discord], options, &report))
        .unwrap();
    (lines.into_inner().unwrap(), summary.end)
}

#[test]
fn an_outage_ends_the_pass_after_a_few_failures_and_the_rest_go_next_time() {
    let (mut t, names) = team_of(30);
    for name in &names {
        t.post.answer(
            &format!("{name}-id"),
            vec![
                Delivery::Failed(skillbot::app::why::Why::Status {
                    platform: "discord".into(),
                    status: 500,
                });
                3
            ],
        );
    }
    let started = t.runtime.block_on(async { tokio::time::Instant::now() });
    let (lines, end) = pass(&mut t, &PassOptions::default());
    let waited = t.runtime.block_on(async { started.elapsed() });
    assert!(
        matches!(end, PassEnd::Outage { failed } if failed >= 5),
        "{end:?}"
    );
    let tried = names
        .iter()
        .filter(|n| t.post.attempts(&format!("{n}-id")) > 0)
        .count();
    assert!(
        (5..=5 + 4).contains(&tried),
        "{tried} members tried: {lines:#?}"
    );
    assert!(waited < Duration::from_secs(60), "{waited:?}");
    // Discord is back: the members not tried get theirs, once.
    for name in &names {
        t.post.answer(&format!("{name}-id"), Vec::new());
    }
    let (lines, end) = pass(&mut t, &PassOptions::default());
    assert_eq!(end, PassEnd::Done);
    assert_eq!(lines.len(), 30 - tried, "{lines:#?}");
    assert!(lines.iter().all(|l| l.contains(" sent ")), "{lines:#?}");
}

#[test]
fn a_retry_after_of_30_s_on_every_message_ends_the_pass_at_once() {
    let (mut t, names) = team_of(6);
    for name in &names {
        t.post.answer(
            &format!("{name}-id"),
            vec![Delivery::RateLimited(Some(Duration::from_secs(30))); 10],
        );
    }
    let started = t.runtime.block_on(async { tokio::time::Instant::now() });
    let (_, end) = pass(&mut t, &PassOptions::default());
    let waited = t.runtime.block_on(async { started.elapsed() });
    assert_eq!(end, PassEnd::RateLimited { wait_secs: 30 });
    assert!(waited < Duration::from_secs(1), "{waited:?}");
}

#[test]
fn a_long_retry_after_ends_the_pass_and_its_message_goes_next_time() {
    let (mut t, _) = team_of(3);
    t.post.answer(
        "m00-id",
        vec![Delivery::RateLimited(Some(Duration::from_secs(600)))],
    );
    let (lines, end) = pass(&mut t, &PassOptions::default());
    assert_eq!(end, PassEnd::RateLimited { wait_secs: 600 });
    let deferred: Vec<&String> = lines.iter().filter(|l| l.contains(" deferred ")).collect();
    assert_eq!(deferred.len(), 1, "{lines:#?}");
    assert!(
        deferred[0]
            .contains("not sent, left for the next pass: the chat platform asked to wait 600 s"),
        "{deferred:?}"
    );
    assert!(t.post.to("m00-id").is_empty());
    // Given back, not recorded: the next pass sends it, once.
    let (lines, _) = pass(&mut t, &PassOptions::default());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("checkin m00-id sent 2026-W14")),
        "{lines:#?}"
    );
    assert_eq!(t.post.to("m00-id").len(), 1);
}

#[test]
fn waits_within_the_limit_that_outlast_the_deadline_leave_the_rest() {
    let (mut t, names) = team_of(12);
    for name in &names {
        t.post.answer(
            &format!("{name}-id"),
            vec![Delivery::RateLimited(Some(Duration::from_secs(8))); 10],
        );
    }
    let started = t.runtime.block_on(async { tokio::time::Instant::now() });
    let options = PassOptions {
        deadline: Duration::from_secs(60),
        ..PassOptions::default()
    };
    let (lines, end) = pass(&mut t, &options);
    let waited = t.runtime.block_on(async { started.elapsed() });
    assert_eq!(end, PassEnd::Deadline);
    assert!(waited <= Duration::from_secs(60), "{waited:?}");
    assert!(lines.iter().all(|l| l.contains(" deferred ")), "{lines:#?}");
    let claimed: i64 = rusqlite::Connection::open(t.store.path())
        .unwrap()
        .query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claimed, 0, "every claim given back");
}

/// A notice to one Discord user through the fake, by the real notifier.
fn notifier(fake: &FakeDiscord) -> skillbot::frontends::discord::DiscordNotifier {
    skillbot::frontends::discord::DiscordNotifier::new(&skillbot::config::DiscordConfig {
        token: skillbot::config::Secret::new("t0k3n".into()),
        guild_id: None,
        api_base: Some(fake.base.clone()),
        matrix_dir: "data/matrix".into(),
        database: "unused.db".into(),
    })
}

#[test]
fn discords_retry_after_is_waited_from_its_answer_and_the_dm_channel_opened_once() {
    crate::discord::runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let notifier = notifier(&fake);
        let notice = Notice::new(
            Recipient::Member {
                user_id: "100000000000000001".into(),
                name: "ann".into(),
            },
            skillbot::app::Said::line(skillbot::msg!("as-is", text = "hello")),
        );
        // The default policy's own wait is 2 s: a retry sooner than that
        // took Discord's.
        let policy = RetryPolicy::default();
        for fault in [
            Fault {
                body: json!({"message": "You are being rate limited.", "retry_after": 0.3, "global": false}),
                ..Fault::rate_limited()
            },
            Fault {
                body: json!({"message": "You are being rate limited.", "global": false}),
                headers: vec![("x-ratelimit-reset-after", "0.3".into())],
                ..Fault::rate_limited()
            },
        ] {
            fake.fail_next(fault);
            let started = std::time::Instant::now();
            let sent = send_within(&notifier, &notice, policy, &Limits::default()).await;
            let took = started.elapsed();
            assert_eq!((sent.outcome, sent.attempts), (Delivery::Delivered, 2));
            assert!(
                took >= Duration::from_millis(300) && took < Duration::from_secs(2),
                "{took:?}"
            );
        }
        let opened = fake
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/users/@me/channels"))
            .count();
        assert_eq!(opened, 1, "one DM channel for two messages and their retries");
    });
}
