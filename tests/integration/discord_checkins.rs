//! The weekly check-in on Discord, through the fake: a lead sets it up
//! with slash commands, the pass sends each member a DM (one refused, one
//! rate limited first), a member answers with the DM's buttons, and the
//! digest is posted in the leads' channel.

use crate::discord::{Bot, ann, assert_all_valid, bob, db_in, lee, runtime};
use crate::fake_discord::payloads::{self, Who, embed_text, level, text};
use crate::fake_discord::{FakeDiscord, Fault};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use skillbot::team::Platform;

const LEADS_CHANNEL: &str = "900000000000000077";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A pass of the weekly check-ins at `now`, as the bot's loop runs it;
/// its events as "kind member result week" lines.
async fn pass(bot: &Bot, now: &str) -> Vec<String> {
    bot.clock.set(at(now));
    let events = bot
        .app
        .run_due(at(now), &[Platform::Discord])
        .await
        .unwrap();
    events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                serde_json::to_value(e.kind).unwrap().as_str().unwrap(),
                e.member.as_deref().unwrap_or("-"),
                e.result,
                e.week
            )
        })
        .collect()
}

async fn lead_command(
    fake: &FakeDiscord,
    sub: &str,
    options: Vec<Value>,
    resolved: Value,
) -> Value {
    fake.interact(payloads::subcommand_with(
        fake,
        &lee(),
        "checkin",
        sub,
        options,
        resolved,
    ))
    .await
}

/// The DMs the bot sent (their channel and body), after request `after`.
fn dms(fake: &FakeDiscord, after: usize) -> Vec<(String, Value)> {
    fake.requests()
        .into_iter()
        .skip(after)
        .filter(|r| r.method == "POST" && r.path.starts_with("/api/v10/channels/"))
        .map(|r| {
            let channel = r.path.split('/').nth(4).unwrap_or_default().to_string();
            (channel, r.body)
        })
        .collect()
}

/// What a callback says: its content, or its embed's text.
fn said(callback: &Value) -> String {
    match callback["data"]["content"].as_str() {
        Some(text) if !text.is_empty() => text.to_string(),
        _ => embed_text(callback),
    }
}

fn button(body: &Value, label: &str) -> String {
    payloads::button_id(&json!({"data": body}), label)
}

#[test]
fn the_check_in_dm_arrives_its_buttons_work_and_the_digest_is_posted() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        // Friday 27 November 2026: the lead sets Mondays 09:00 Berlin and
        // the digest channel; ann and bob join.
        let r = lead_command(
            &fake,
            "schedule",
            vec![
                json!({"name": "weekday", "type": 4, "value": 0}),
                text("time", "09:00"),
                text("timezone", "Europe/Berlin"),
            ],
            json!({}),
        )
        .await;
        assert!(said(&r).contains("Mondays at 09:00"), "{r:#}");
        let (option, resolved) = payloads::channel_option("channel", LEADS_CHANNEL, "leads");
        let r = lead_command(&fake, "digest-channel", vec![option], resolved).await;
        assert!(said(&r).contains(&format!("<#{LEADS_CHANNEL}>")), "{r:#}");
        for who in [ann(), bob()] {
            fake.interact(payloads::command(
                &fake,
                &who,
                "profile",
                vec![text("role", "ce")],
            ))
            .await;
        }
        // Bob rates himself, so that his "No change" has a level to confirm.
        let r = fake
            .interact(payloads::command(
                &fake,
                &bob(),
                "assess",
                vec![text("skill", "serverless"), level("level", "Middle")],
            ))
            .await;
        let r = fake
            .interact(payloads::button(&fake, &bob(), &button(&r["data"], "Skip")))
            .await;
        let r = fake
            .interact(payloads::button(&fake, &bob(), &button(&r["data"], "Save")))
            .await;
        assert!(said(&r).contains("Saved"), "{r:#}");
        // Monday 30 November, 09:00 in Berlin: ann does not take DMs; bob's
        // is rate limited once, then goes through.
        fake.fail_next(Fault::cannot_dm().to("100000000000000001"));
        fake.fail_next(Fault::rate_limited().to("100000000000000002"));
        let before = fake.requests().len();
        assert_eq!(
            pass(&bot, "2026-11-30T07:59:00Z").await,
            Vec::<String>::new()
        );
        // Sent a few at a time: in either order.
        let mut lines = pass(&bot, "2026-11-30T08:00:00Z").await;
        lines.sort();
        assert_eq!(
            lines,
            [
                "checkin 100000000000000001 refused 2026-W49",
                "checkin 100000000000000002 sent 2026-W49"
            ]
        );
        let sent = dms(&fake, before);
        assert_eq!(
            sent.len(),
            3,
            "ann's refused, bob's 429 and its retry: {sent:#?}"
        );
        // Bob's channel is the one written to twice (the 429, the retry).
        let (bob_dm, message) = sent
            .iter()
            .rev()
            .find(|(channel, _)| sent.iter().filter(|(c, _)| c == channel).count() == 2)
            .cloned()
            .expect("bob's DM and its retry");
        assert_eq!(
            message["embeds"][0]["title"],
            "Your weekly check-in (2026-W49)"
        );
        let fields = embed_text(&json!({"data": message}));
        assert!(fields.contains("You: Middle"), "{fields}");
        // Someone else pressing bob's button from their DMs changes nothing.
        let stranger = Who::member("100000000000000009", "mallory");
        let r = fake
            .interact(payloads::dm_button(
                &fake,
                &stranger,
                &bob_dm,
                &button(&message, "Stop these"),
            ))
            .await;
        assert!(said(&r).contains("belongs to someone else"), "{r:#}");
        // Bob answers in his DMs.
        let r = fake
            .interact(payloads::dm_button(
                &fake,
                &bob(),
                &bob_dm,
                &button(&message, "No change"),
            ))
            .await;
        assert_eq!(r["type"], 7, "the DM is updated in place: {r:#}");
        assert!(said(&r).contains("Noted: no change this week."), "{r:#}");
        // Next Monday: the week's digest goes to the leads' channel.
        let before = fake.requests().len();
        let lines = pass(&bot, "2026-12-07T08:00:00Z").await;
        assert!(
            lines.contains(&"digest - sent 2026-W49".to_string()),
            "{lines:?}"
        );
        let posted = dms(&fake, before)
            .into_iter()
            .find(|(channel, _)| channel == LEADS_CHANNEL)
            .expect("the digest in the leads' channel");
        let digest = embed_text(&json!({"data": posted.1}));
        assert!(
            digest.starts_with("Weekly check-ins, 2026-W49\n"),
            "{digest}"
        );
        assert!(
            digest.contains("1 of 1 member reached checked in (100%)."),
            "{digest}"
        );
        assert!(
            digest.contains("Checked in: bob (Serverless Functions Middle confirmed)."),
            "{digest}"
        );
        assert!(
            digest
                .contains("DMs closed: ann (they do not accept direct messages from this server)."),
            "{digest}"
        );
        assert_all_valid(&fake);
        bot.stop().await;
    });
}
