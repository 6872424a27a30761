//! The lead's team view on Discord, through the fake: targets set with a
//! slash command, the summary deferred and sent with its heatmap attached,
//! and the Nudge button's direct message.

use crate::discord::{Bot, ann, assert_all_valid, bob, db_in, lee, runtime};
use crate::fake_discord::FakeDiscord;
use crate::fake_discord::payloads::{self, button_id, embed_text, level, text};
use serde_json::json;

#[test]
fn the_summary_arrives_with_its_heatmap_and_the_nudge_reaches_the_member() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        for who in [ann(), bob()] {
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
        let nudge = button_id(&body, "Nudge the 1 member never assessed");
        let before = fake.requests().len();
        let r = fake.interact(payloads::button(&fake, &lee(), &nudge)).await;
        assert!(embed_text(&r).contains("Nudged bob."), "{r:#}");
        let dm = fake
            .wait_for(before, |r| {
                r.method == "POST" && r.path.starts_with("/api/v10/channels/")
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
