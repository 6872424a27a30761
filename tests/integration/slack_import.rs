//! Importing on Slack, through the fake Slack: a slash command carries no
//! file, so a lead pastes a skill page or a targets CSV in a form, or drops
//! a longer page in their direct messages with skillbot.

use crate::fake_slack::{ANN, FakeSlack, LEAD, Recorded, TEAM};
use crate::slack::{button, command, form_response_id, press_in, shown, submit, with_bot};
use serde_json::json;

#[test]
fn a_lead_pastes_a_page_in_the_import_form_and_a_member_gets_no_form() {
    with_bot(async |fake, _db| {
        let r = command(fake, ANN, "/matrix", "import").await;
        assert_eq!(
            r.method, "response",
            "a member is refused, not handed a form"
        );
        assert!(
            shown(&r.body).contains("/matrix import is for team leads"),
            "{:#}",
            r.body
        );

        let opened = command(fake, LEAD, "/matrix", "import").await;
        assert_eq!(opened.method, "views.open");
        let view = &opened.body["view"];
        assert_eq!(view["callback_id"], "slack:import:matrix");
        assert_eq!(view["title"]["text"], "Import a skill");
        let inputs: Vec<&str> = view["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["block_id"].as_str().unwrap())
            .collect();
        assert_eq!(inputs, ["text", "slug", "name"]);
        assert_eq!(view["blocks"][0]["element"]["max_length"], 3000);
        assert_eq!(view["blocks"][0]["element"]["multiline"], true);
        assert_eq!(
            view["blocks"][1]["element"]["multiline"], false,
            "a slug is one line"
        );
        assert_eq!(
            view["submit"]["text"], "Preview",
            "nothing is saved before Confirm"
        );

        // A pasted page without a slug is refused beside the text, and
        // the form stays open.
        let page = crate::support::fixture("pages/kubernetes-operators.en.txt");
        let ack = submit(fake, LEAD, &opened, &[("text", &page)]).await;
        assert_eq!(ack["payload"]["response_action"], "errors", "{ack}");
        let why = ack["payload"]["errors"]["text"].as_str().unwrap();
        assert!(why.starts_with("A pasted page needs a slug"), "{why}");

        let before = fake.requests().len();
        let ack = submit(
            fake,
            LEAD,
            &opened,
            &[
                ("text", &page),
                ("slug", "operators"),
                ("name", "Kubernetes Operators"),
            ],
        )
        .await;
        assert_eq!(ack["payload"]["response_action"], "clear", "{ack}");
        let id = form_response_id(&opened);
        let preview = fake
            .wait_for(before, |r| r.target.as_deref() == Some(id.as_str()))
            .await;
        let text = shown(&preview.body);
        assert!(
            text.starts_with("Import preview\nWould add *Kubernetes Operators* (operators)"),
            "{text}"
        );
        assert_eq!(preview.body["response_type"], "ephemeral");
        let confirm = button(&preview.body, "Confirm");
        let done = press_in(fake, LEAD, &confirm, crate::slack::CHANNEL).await;
        assert!(
            shown(&done.body).contains("Imported *Kubernetes Operators* (operators)"),
            "{:#}",
            done.body
        );
        let r = command(fake, ANN, "/skill", "operators lead").await;
        assert!(
            shown(&r.body).starts_with("Kubernetes Operators: Lead"),
            "{:#}",
            r.body
        );
    });
}

#[test]
fn a_lead_pastes_targets_in_the_targets_form() {
    with_bot(async |fake, _db| {
        let opened = command(fake, LEAD, "/targets", "import").await;
        assert_eq!(opened.method, "views.open");
        assert_eq!(opened.body["view"]["callback_id"], "slack:import:targets");
        assert_eq!(opened.body["view"]["title"]["text"], "Import targets");

        let ack = submit(fake, LEAD, &opened, &[("text", "nope,serverless,senior\n")]).await;
        let why = ack["payload"]["errors"]["text"].as_str().unwrap();
        assert!(
            why.starts_with("Nothing was imported; fix this line and send it again:\nline 1: "),
            "{why}"
        );

        let before = fake.requests().len();
        let ack = submit(fake, LEAD, &opened, &[("text", "ce, serverless, lead\n")]).await;
        assert_eq!(ack["payload"]["response_action"], "clear", "{ack}");
        let id = form_response_id(&opened);
        let preview = fake
            .wait_for(before, |r| r.target.as_deref() == Some(id.as_str()))
            .await;
        let text = shown(&preview.body);
        assert!(
            text.contains("Cloud Engineer · Serverless Functions: Lead"),
            "{text}"
        );
        let confirm = button(&preview.body, "Confirm");
        let done = press_in(fake, LEAD, &confirm, crate::slack::CHANNEL).await;
        assert!(
            shown(&done.body).starts_with("Imported 1 target."),
            "{:#}",
            done.body
        );
    });
}

/// The event Slack sends when `user` drops `file` in their direct
/// messages with the bot.
fn file_shared(user: &str, file: serde_json::Value, text: &str) -> serde_json::Value {
    json!({
        "token": "unused", "team_id": TEAM, "api_app_id": "A0SKILL", "type": "event_callback",
        "event_id": "Ev9", "event_time": 1764237600,
        "event": {
            "type": "message", "subtype": "file_share", "channel": format!("D{user}"),
            "channel_type": "im", "user": user, "text": text, "ts": "1764237600.000100",
            "upload": false, "display_as_bot": false, "files": [file]
        }
    })
}

/// `user` drops `page` in their direct messages with the bot, the message
/// saying `text`: the bot's answer there, and the requests it made up to it.
async fn drop_page(
    fake: &FakeSlack,
    user: &str,
    page: &str,
    text: &str,
) -> (Recorded, Vec<Recorded>) {
    let file = fake.share_file("serverless-functions.de.txt", page.as_bytes());
    let before = fake.requests().len();
    fake.envelope("events_api", file_shared(user, file, text))
        .await;
    let answer = fake
        .wait_for(before, |r| r.method == "chat.postMessage")
        .await;
    (answer, fake.requests()[before..].to_vec())
}

#[test]
fn a_lead_drops_a_long_page_in_the_bots_direct_messages_and_confirms_it() {
    with_bot(async |fake, _db| {
        let page = crate::support::fixture("pages/serverless-functions.de.txt");
        assert!(page.len() > 3000, "longer than the form takes");

        // A member's file is refused, and nothing is fetched.
        let (refused, made) = drop_page(fake, ANN, &page, "").await;
        assert_eq!(refused.body["channel"], format!("D{ANN}"));
        assert!(
            shown(&refused.body).contains("/matrix import is for team leads"),
            "{:#}",
            refused.body
        );
        assert!(made.iter().all(|r| r.method != "file"));

        // Options that are not slug: or name: are refused with what to send.
        let (refused, _) = drop_page(fake, LEAD, &page, "please import this").await;
        assert!(
            shown(&refused.body).starts_with("A file for skillbot to import can come with slug:"),
            "{:#}",
            refused.body
        );

        let text = r#"slug:serverless-de name:"Serverless Functions DE""#;
        let (preview, made) = drop_page(fake, LEAD, &page, text).await;
        let fetched = made
            .iter()
            .find(|r| r.method == "file")
            .expect("the file was fetched");
        assert_eq!(fetched.token, "bot");
        assert_eq!(preview.body["channel"], format!("D{LEAD}"));
        let text = shown(&preview.body);
        assert!(
            text.starts_with("Import preview\nWould add *Serverless Functions DE* (serverless-de)"),
            "{text}"
        );
        let confirm = button(&preview.body, "Confirm");
        let done = press_in(fake, LEAD, &confirm, &format!("D{LEAD}")).await;
        assert!(
            shown(&done.body).contains("Imported *Serverless Functions DE* (serverless-de)"),
            "{:#}",
            done.body
        );

        // The bot's own files in the conversation (its exports) and images
        // are left alone.
        let before = fake.requests().len();
        let csv = fake.share_file("team-2026-12.csv", b"member,skill\n");
        fake.envelope("events_api", file_shared(LEAD, csv, ""))
            .await;
        let mut own = file_shared(LEAD, fake.share_file("notes.txt", b"x"), "");
        own["event"]["bot_id"] = json!("B0SKILL");
        fake.envelope("events_api", own).await;
        let r = command(fake, ANN, "/skill", "serverless-de junior").await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions DE: Junior"),
            "{:#}",
            r.body
        );
        assert!(
            fake.requests()[before..]
                .iter()
                .all(|r| r.method != "file" && r.method != "chat.postMessage"),
            "{:#?}",
            &fake.requests()[before..]
        );
    });
}
