//! The guided self-assessment and its dialog rules, through the app.

use crate::app_support::*;
use chrono::Duration;
use skillbot::assess::{Answer, Source};
use skillbot::matrix::Level;

fn history(h: &mut Harness, who: &skillbot::app::Actor) -> Vec<skillbot::store::HistoryEntry> {
    let ws = h
        .store
        .workspace(who.platform, &who.workspace_id, &who.workspace_name, h.now)
        .unwrap();
    match h.store.find_member(ws, &who.user_id).unwrap() {
        Some(m) => h.store.history(m.id, None).unwrap(),
        None => Vec::new(),
    }
}

#[test]
fn a_whole_guided_assessment_with_role_choice_note_and_save() {
    let mut h = Harness::new();
    let r = h.run(&ann(), "/assess serverless");
    assert!(ok(&r).private);
    let roles = &r.select.as_ref().expect("role select").options;
    assert_eq!(roles.len(), 4);
    let r = h.choose(&ann(), &r, "Cloud Engineer");
    assert_eq!(
        r.title.as_deref(),
        Some("Serverless Functions: Junior (1 of 5)")
    );
    assert!(
        r.text.contains("Understands basic serverless concepts"),
        "{}",
        r.text
    );
    assert!(r.update);
    let r = h.press(&ann(), &r, "I do this");
    let r = h.press(&ann(), &r, "I do this");
    assert_eq!(
        r.title.as_deref(),
        Some("Serverless Functions: Senior (3 of 5)")
    );
    let r = h.press(&ann(), &r, "Partly");
    let r = h.press(&ann(), &r, "Not yet");
    assert!(r.text.contains("evidence"), "{}", r.text);
    let note = "Moved billing to Lambda 🚀 — 完成, see https://example.test/pr/42";
    let r = h.note(&ann(), &r, note);
    assert!(
        on_discord(&r.text)
            .contains("Level: **Middle** (as Cloud Engineer), working towards Senior"),
        "{}",
        r.text
    );
    assert!(r.fields[0].name.starts_with("Next: Senior expects"));
    // Nothing is written before Save.
    assert!(history(&mut h, &ann()).is_empty());
    let r = h.press(&ann(), &r, "Save");
    assert_eq!(
        plain(&ok(&r).text),
        "Saved 27 Nov 2026 10:00 UTC: You are Middle in Serverless Functions (as Cloud Engineer)."
    );

    let saved = history(&mut h, &ann());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].level, Some(Level::Middle));
    assert_eq!(saved[0].source, Source::SelfRated);
    assert_eq!(saved[0].note.as_deref(), Some(note));
    let answers: Vec<Answer> = saved[0].answers.iter().map(|a| a.answer).collect();
    assert_eq!(
        answers,
        [Answer::Yes, Answer::Yes, Answer::Partly, Answer::No]
    );
}

#[test]
fn the_next_assessment_starts_one_level_below_the_last() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:\"Cloud Engineer\"");
    let r = h.record(&ann(), "/assess serverless level:lead");
    assert!(r.text.contains("You are Lead"), "{}", r.text);
    let r = h.run(&ann(), "/assess serverless");
    assert_eq!(
        r.title.as_deref(),
        Some("Serverless Functions: Senior (3 of 5)")
    );
    let r = h.press(&ann(), &r, "Not yet");
    let r = h.press(&ann(), &r, "Skip");
    assert!(
        on_discord(&r.text).contains("Level: **Middle**"),
        "{}",
        r.text
    );
}

#[test]
fn cancel_works_at_every_step_and_writes_nothing() {
    let mut h = Harness::new();
    // Role choice, a question, the note, the summary.
    for steps in 0..4 {
        let mut r = h.run(&ann(), "/assess serverless");
        for step in 0..steps {
            r = match step {
                0 => h.choose(&ann(), &r, "Cloud Engineer"),
                1 => h.press(&ann(), &r, "Not yet"),
                _ => h.press(&ann(), &r, "Skip"),
            };
        }
        let r = h.press(&ann(), &r, "Cancel");
        assert_eq!(ok(&r).text, "Cancelled. Nothing was saved.");
    }
    assert!(history(&mut h, &ann()).is_empty());
}

#[test]
fn a_dialog_goes_on_after_a_restart() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless");
    let r = h.press(&ann(), &r, "I do this");
    h.restart();
    let r = h.press(&ann(), &r, "I do this");
    assert_eq!(
        r.title.as_deref(),
        Some("Serverless Functions: Senior (3 of 5)")
    );
    let r = h.press(&ann(), &r, "Not yet");
    let r = h.press(&ann(), &r, "Skip");
    let r = h.press(&ann(), &r, "Save");
    assert!(r.text.contains("You are Middle"), "{}", r.text);
}

#[test]
fn an_expired_dialog_says_so_and_changes_nothing() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless level:senior");
    h.later(Duration::hours(25));
    let text = refused(&h.press(&ann(), &r, "Skip")).to_string();
    assert!(
        text.starts_with("This dialog expired after 24 hours"),
        "{text}"
    );
    assert!(history(&mut h, &ann()).is_empty());
}

#[test]
fn another_members_dialog_is_refused() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless level:senior");
    for intruder in [bob(), lead(), zed()] {
        let text = refused(&h.press(&intruder, &r, "Skip")).to_string();
        assert!(
            text.starts_with("This dialog belongs to someone else"),
            "{text}"
        );
    }
    assert!(history(&mut h, &ann()).is_empty());
    // The owner can still finish it.
    let r = h.press(&ann(), &r, "Skip");
    ok(&h.press(&ann(), &r, "Save"));
}

#[test]
fn a_second_dialog_for_the_same_skill_ends_the_first() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let first = h.run(&ann(), "/assess serverless");
    let second = h.run(&ann(), "/assess serverless");
    let text = refused(&h.press(&ann(), &first, "I do this")).to_string();
    assert!(text.starts_with("This dialog has ended"), "{text}");
    ok(&h.press(&ann(), &second, "I do this"));
}

#[test]
fn a_dialog_whose_matrix_changed_is_refused() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless");
    let file = h.matrix_dir.join("serverless-functions.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("Deploys simple functions", "Deploys small functions", 1),
    )
    .unwrap();
    let reload = h.run(&lead(), "/matrix reload");
    assert_eq!(
        ok(&reload).text,
        "Reloaded: 0 added, 0 removed, 1 changed (serverless-functions); 1 skill in the shared matrix."
    );
    let text = refused(&h.press(&ann(), &r, "I do this")).to_string();
    assert!(
        text.starts_with("The Serverless Functions matrix changed since this dialog started"),
        "{text}"
    );
}

#[test]
fn notes_over_the_limit_are_refused_naming_it() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless");
    let r = h.press(&ann(), &r, "Not yet");
    let long = "ü".repeat(1001);
    let text = refused(&h.note(&ann(), &r, &long)).to_string();
    assert_eq!(
        text,
        "The note is 1001 characters long; keep it to 1000 at most."
    );
    // Still at the note step: a shorter note goes through.
    let r = h.note(&ann(), &r, &"ü".repeat(1000));
    ok(&h.press(&ann(), &r, "Save"));
    assert_eq!(
        history(&mut h, &ann())[0]
            .note
            .as_deref()
            .map(|n| n.chars().count()),
        Some(1000)
    );
}

#[test]
fn a_lead_rates_a_member_and_sees_both_ratings_side_by_side() {
    let mut h = Harness::new();
    h.run(&bob(), "/profile role:pe");
    h.record(&bob(), "/assess serverless level:middle");
    h.later(Duration::days(1));
    let r = h.run(&lead(), "/assess serverless member:bob");
    assert!(r.text.contains("Does bob do this?"), "{}", r.text);
    let r = h.press(&lead(), &r, "Yes");
    let r = h.press(&lead(), &r, "Yes");
    let r = h.press(&lead(), &r, "Yes");
    let r = h.press(&lead(), &r, "Not yet");
    let r = h.press(&lead(), &r, "Skip");
    let r = h.press(&lead(), &r, "Save");
    assert!(
        r.text
            .contains("bob is Senior in Serverless Functions (as Platform Engineer)"),
        "{}",
        r.text
    );

    let r = h.run(&lead(), "/history member:bob");
    let field = &ok(&r).fields[0];
    assert_eq!(field.name, "Serverless Functions");
    // Where bob stands, then the timeline, newest first; the two ratings are
    // of two kinds, so neither has an arrow.
    let timeline = "Now: self Middle (27 Nov 2026) · lead Senior (28 Nov 2026): the lead rates 1 level higher\n\
                    28 Nov 2026 · Senior · lead lee\n\
                    27 Nov 2026 · Middle · self";
    assert_eq!(plain(&field.value), timeline);
    let bobs = history(&mut h, &bob());
    assert_eq!(bobs[1].source, Source::Lead);
    // Bob sees the same.
    let r = h.run(&bob(), "/history");
    assert_eq!(plain(&r.fields[0].value), timeline);
}

/// Issue 13.4: the answer to a press was lost (the bot stopped between
/// storing the step and answering), so the member still has the older
/// message. Pressing its button shows the current step and acts on
/// nothing: no answer is recorded for a level the member did not see.
#[test]
fn a_press_on_a_message_a_step_behind_shows_the_current_step_and_acts_on_nothing() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let junior = h.run(&ann(), "/assess serverless");
    assert_eq!(
        junior.title.as_deref(),
        Some("Serverless Functions: Junior (1 of 5)")
    );
    // The answer to this press (the Middle question) never reached ann.
    let _lost = h.press(&ann(), &junior, "I do this");
    let again = h.press(&ann(), &junior, "I do this");
    assert_eq!(again.outcome, skillbot::app::Outcome::Ok);
    assert!(again.update, "the old message is replaced");
    assert!(
        again.text.starts_with("That message was a step behind (the answer to your last press may not have reached you); nothing was done."),
        "{}",
        again.text
    );
    assert_eq!(
        again.title.as_deref(),
        Some("Serverless Functions: Middle (2 of 5)")
    );
    // Had the second "I do this" counted, Middle would be met.
    let r = h.press(&ann(), &again, "Not yet");
    let r = h.press(&ann(), &r, "Skip");
    let saved = h.press(&ann(), &r, "Save");
    assert!(
        plain(&saved.text).contains("You are Junior in Serverless Functions"),
        "{}",
        saved.text
    );
    let answers = &history(&mut h, &ann())[0].answers;
    assert_eq!(answers.len(), 2, "Junior yes, Middle not yet: {answers:?}");
    assert_eq!(answers[1].answer, Answer::No);
}

/// A message drawn by the version before steps were counted has buttons
/// without a step. Once the dialog has taken a step since (every message
/// of this version carries one), such a button is from an older message:
/// it shows the current step and records nothing.
#[test]
fn a_button_of_the_version_before_steps_acts_on_nothing_once_the_dialog_moved_on() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let junior = h.run(&ann(), "/assess serverless");
    let unstepped = |reply: &skillbot::app::Reply, label: &str| {
        let id = &reply.buttons.iter().find(|b| b.label == label).unwrap().id;
        // "sb1|d|<dialog>.<step>|<action>" as the older version wrote it.
        let (head, action) = id.rsplit_once('|').unwrap();
        let (dialog, _step) = head.rsplit_once('.').unwrap();
        skillbot::app::Action::Button {
            id: format!("{dialog}|{action}"),
        }
    };
    // Not moved on since the upgrade: the old message is the current one.
    let middle = h.act(&ann(), unstepped(&junior, "I do this"));
    assert_eq!(
        middle.title.as_deref(),
        Some("Serverless Functions: Middle (2 of 5)")
    );
    // The Junior message again: the dialog is at Middle now.
    let again = h.act(&ann(), unstepped(&junior, "I do this"));
    assert!(
        again.text.starts_with("That message was a step behind"),
        "{}",
        again.text
    );
    assert_eq!(again.title, middle.title);
    let r = h.press(&ann(), &again, "Not yet");
    let r = h.press(&ann(), &r, "Skip");
    h.press(&ann(), &r, "Save");
    let answers = &history(&mut h, &ann())[0].answers;
    assert_eq!(answers.len(), 2, "Junior yes, Middle not yet: {answers:?}");
}

/// Issue 13.5: a save committed just before a crash was never confirmed.
/// Save again confirms it; a new /assess soon after mentions it.
#[test]
fn save_pressed_again_confirms_the_save_and_a_new_assessment_mentions_it() {
    let mut h = Harness::new();
    h.run(&ann(), "/profile role:ce");
    let r = h.run(&ann(), "/assess serverless level:senior");
    let summary = h.press(&ann(), &r, "Skip");
    let _lost = h.press(&ann(), &summary, "Save");
    h.later(Duration::minutes(2));
    let again = h.press(&ann(), &summary, "Save");
    assert_eq!(again.outcome, skillbot::app::Outcome::Ok);
    assert_eq!(
        plain(&again.text),
        "Already saved 27 Nov 2026 10:00 UTC: you are Senior in Serverless Functions. Nothing more to do; /history shows it."
    );
    // Cancel on it does not pretend nothing was saved.
    let cancel = h.press(&ann(), &summary, "Back");
    assert!(cancel.text.starts_with("Already saved"), "{}", cancel.text);
    assert_eq!(history(&mut h, &ann()).len(), 1, "saved once");
    let next = h.run(&ann(), "/assess serverless");
    assert!(
        plain(&next.text).starts_with(
            "Your last assessment of Serverless Functions was saved 27 Nov 2026 10:00 UTC: Senior."
        ),
        "{}",
        next.text
    );
    // An hour on, it is just history.
    h.later(Duration::hours(2));
    let later = h.run(&ann(), "/assess serverless");
    assert!(
        !later.text.contains("Your last assessment"),
        "{}",
        later.text
    );
}
