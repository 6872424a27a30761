//! The lead's team view on Discord, through the fake: targets set with a
//! slash command, the summary deferred and sent with its heatmap attached,
//! and the Nudge button's direct message.

use crate::discord::{Bot, ann, assert_all_valid, bob, db_in, lee, runtime};
use crate::fake_discord::payloads::{self, Who, button_id, embed_text, level, text};
use crate::fake_discord::{FakeDiscord, Fault};
use serde_json::json;

const FR: &str = "100000000000000004";

fn fr() -> Who {
    Who::member(FR, "fr")
}

#[test]
fn the_summary_arrives_with_its_heatmap_and_the_nudge_reaches_the_member() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        for who in [ann(), bob(), fr()] {
            fake.interact(payloads::command(
                &fake,
                &who,
                "profile",
                vec![text("role", "ce")],
            ))
            .await;
        }
        let r = fake
            .interact(payloads::command(
                &fake,
                &ann(),
                "assess",
                vec![text("skill", "serverless"), level("level", "Senior")],
            ))
            .await;
        let r = fake
            .interact(payloads::button(&fake, &ann(), &button_id(&r, "Skip")))
            .await;
        fake.interact(payloads::button(&fake, &ann(), &button_id(&r, "Save")))
            .await;
        let r = fake
            .interact(payloads::subcommand(
                &fake,
                &lee(),
                "targets",
                "set",
                vec![
                    text("role", "ce"),
                    text("skill", "serverless"),
                    level("level", "Senior"),
                ],
            ))
            .await;
        assert!(
            embed_text(&r).contains("Cloud Engineer is expected to hold Senior"),
            "{r:#}"
        );

        let before = fake.requests().len();
        let r = fake
            .interact(payloads::subcommand(
                &fake,
                &lee(),
                "team",
                "summary",
                vec![text("skill", "serverless")],
            ))
            .await;
        assert_eq!(r["type"], 5, "deferred: drawing takes a moment");
        let answer = fake
            .wait_for(before, |r| r.path.starts_with("/api/v10/webhooks/"))
            .await;
        let body = json!({"data": answer.body});
        let shown = embed_text(&body);
        assert!(shown.starts_with("Team summary\n"), "{shown}");
        assert!(shown.contains("Never assessed: bob"), "{shown}");
        assert_eq!(
            answer.body["attachments"][0]["filename"], "team-heatmap.png",
            "{:#}",
            answer.body
        );
        // fr does not accept direct messages: the lead gets one answer,
        // the true one, once the nudges are sent.
        fake.fail_next(Fault::cannot_dm().to(FR));
        let nudge = button_id(&body, "Nudge the 2 members never assessed");
        let before = fake.requests().len();
        let r = fake.interact(payloads::button(&fake, &lee(), &nudge)).await;
        assert_eq!(r["type"], 5, "acknowledged while the nudges go out: {r:#}");
        let answer = fake
            .wait_for(before, |r| {
                r.method == "PATCH" && r.path.ends_with("/messages/@original")
            })
            .await;
        let said = embed_text(&json!({"data": answer.body}));
        assert_eq!(
            said.trim(),
            "Nudged bob.\nI could not send fr a direct message about this: they do not accept direct messages from this server. Please tell them yourself.",
        );
        let said_elsewhere: Vec<_> = fake.requests()[before..]
            .iter()
            .filter(|r| r.path.starts_with("/api/v10/webhooks/") && r.method == "POST")
            .map(|r| r.body.clone())
            .collect();
        assert!(said_elsewhere.is_empty(), "{said_elsewhere:#?}");
        let dm = fake
            .wait_for(before, |r| {
                r.method == "POST"
                    && r.path.starts_with("/api/v10/channels/")
                    && r.body["content"].as_str().is_some_and(|c| c.contains("invites you"))
            })
            .await;
        assert!(
            dm.body["content"]
                .as_str()
                .unwrap()
                .starts_with("lee invites you to assess yourself in Serverless Functions"),
            "{:#}",
            dm.body
        );
        // A member is refused, and sees no one's data.
        let before = fake.requests().len();
        fake.interact(payloads::subcommand(&fake, &bob(), "team", "gaps", vec![]))
            .await;
        let answer = fake
            .wait_for(before, |r| r.path.starts_with("/api/v10/webhooks/"))
            .await;
        let said = embed_text(&json!({"data": answer.body}));
        assert!(said.contains("/team gaps is for team leads"), "{said}");
        assert!(!said.contains("ann"), "{said}");
        assert_all_valid(&fake);
        bot.stop().await;
    });
}
