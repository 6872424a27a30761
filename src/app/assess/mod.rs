//! /assess: the guided self-assessment, a lead's rating, or a level
//! recorded directly; and every press of those dialogs. What each step
//! shows is in `assess::view`.

pub mod chain;
mod press;

use press::{already_saved, current_view, on_action};
pub mod view;

pub use chain::CheckinChain;

use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog, lead_only};
use crate::app::protocol::component_id::{ComponentId, DialogAction, view_id};
use crate::app::protocol::markup::TimeStyle;
use crate::app::protocol::reply::Style;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use crate::app::protocol::{Reply, UserRef, markup};
use crate::assess::{Dialog, Mode, Source, level_name};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, LookupError, Skill, find_skill_role};
use crate::team::MemberId;
use crate::tr;
use serde::{Deserialize, Serialize};
use view::{self as show, Stand};

const SKILL: Opt<SkillName> = Opt::required("skill");
const ROLE: Opt<RoleName> = Opt::optional("role");
const LEVEL: Opt<Level> = Opt::optional("level");
const MEMBER: Opt<UserRef> = Opt::optional("member");
const OPTIONS: &[OptionSpec] = &[SKILL.spec(), ROLE.spec(), LEVEL.spec(), MEMBER.spec()];

pub struct Assess {
    skill: String,
    role: Option<String>,
    level: Option<Level>,
    member: Option<UserRef>,
}

/// A self-assessment, or a lead rating a member, between two presses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessState {
    /// The member rated, if they were one when the dialog started.
    pub subject: Option<i64>,
    /// Their platform user id: a lead may rate someone who has no member
    /// row yet, which is then made at Save, not before.
    #[serde(default)]
    pub subject_user: String,
    pub subject_name: String,
    pub source: Source,
    pub dialog: Dialog,
    /// The latest rating of the same kind (the member's own for a
    /// self-assessment, a lead's for a lead's): where the dialog started
    /// from, and what a lower save is compared with.
    #[serde(default)]
    pub previous: Option<Stand>,
    /// A lead's dialog: the member's own latest rating, shown as context
    /// and never used to skip a level. Rating below it needs a note.
    #[serde(default)]
    pub claim: Option<Stand>,
    /// Save was pressed on a level below `previous`: the dialog asks to
    /// confirm.
    #[serde(default)]
    pub confirming: bool,
    /// The time zone of whoever answers, for the times shown.
    #[serde(default)]
    pub zone: String,
    /// Part of a weekly check-in: its week and the skills after this one.
    #[serde(default)]
    pub checkin: Option<CheckinChain>,
}

impl AssessState {
    pub fn by_lead(&self) -> bool {
        self.source.is_lead()
    }

    /// A lead rates below what the member claims: a note must say why.
    pub fn note_required(&self, skill: &Skill) -> bool {
        let rank = |l: Option<Level>| l.map_or(0, Level::rank);
        self.by_lead()
            && self
                .claim
                .as_ref()
                .is_some_and(|c| rank(c.level) > rank(self.dialog.reached(skill)))
    }

    /// Saving would record a level below the previous one of this kind.
    pub fn lowers(&self, skill: &Skill) -> bool {
        let rank = |l: Option<Level>| l.map_or(0, Level::rank);
        self.previous
            .as_ref()
            .is_some_and(|p| rank(p.level) > rank(self.dialog.reached(skill)))
    }
}

impl CommandArgs for Assess {
    const SPEC: CommandSpec = CommandSpec::new("assess").options(OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Assess {
            skill: o.need(&SKILL)?.0,
            role: o.get(&ROLE)?.map(|r| r.0),
            level: o.get(&LEVEL)?,
            member: o.get(&MEMBER)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        start(cx, self).await
    }
}

async fn start(cx: &mut Ctx<'_>, a: Assess) -> AppResult {
    let catalog = cx.catalog.clone();
    let (skill, role_input) =
        crate::app::core::lookup::skill_and_role(&catalog, &a.skill, a.role.as_deref())?;
    let me = cx.me().await?;
    let workspace = cx.workspace().await?;
    let zone = cx.zone().await?;
    let (subject, subject_user, subject_name, source) = match a.member {
        Some(user) if user.id != cx.actor.user_id => {
            crate::app::core::check_member_name(&user.display_name)?;
            if !cx.is_lead().await? {
                return Err(lead_only("assess member:"));
            }
            // No member row before Save: a dialog left unfinished leaves
            // nothing behind.
            let id = user.id.clone();
            let found = cx.read(move |s| s.find_member(workspace, &id)).await?;
            let name = found
                .as_ref()
                .map_or(user.display_name, |m| m.display_name.clone());
            (found.map(|m| m.id), user.id, name, Source::Lead)
        }
        _ => (
            Some(me),
            cx.actor.user_id.clone(),
            cx.actor.display_name.clone(),
            Source::SelfRated,
        ),
    };
    let lead = source.is_lead();
    // A lead starts from the lead's own track, a member from theirs: the
    // other side's rating is context, never a reason to skip a level.
    let (profile_role, previous, claim) = match subject {
        Some(id) => {
            let slug = skill.slug().to_string();
            cx.read(move |s| {
                let stand = |lead_track| -> Result<Option<Stand>, crate::store::StoreError> {
                    let since = s.held_since(id, &slug, lead_track)?;
                    Ok(s.latest_in_track(id, &slug, lead_track, None)?
                        .map(|e| Stand {
                            level: e.level,
                            at: e.at,
                            note: e.note,
                            since,
                        }))
                };
                let previous = stand(lead)?;
                let claim = if lead { stand(false)? } else { None };
                Ok((s.member_profile(id)?.role, previous, claim))
            })
            .await?
        }
        None => (None, None, None),
    };
    let role = match role_input {
        Some(input) => Some(find_skill_role(skill, &input)?),
        None => profile_role
            .as_deref()
            .filter(|r| skill.roles().iter().any(|x| x == r)),
    };
    let dialog = match a.level {
        Some(level) if !skill.has_level(level) => {
            return Err(LookupError::LevelNotInSkill {
                skill: skill.name().to_string(),
                level,
                levels: skill.levels().to_vec(),
            }
            .into());
        }
        Some(level) => Dialog::direct(skill, role, Some(level)),
        None => Dialog::guided(skill, role, previous.as_ref().and_then(|p| p.level)),
    };
    let key = if lead {
        format!("{}@{subject_user}", skill.slug())
    } else {
        skill.slug().to_string()
    };
    if a.level.is_none()
        && let Some(reply) = go_on(cx, me, &key, skill, role).await?
    {
        return Ok(reply);
    }
    let recent_save = last_save(cx, me, &key, skill, &zone).await?;
    let state = AssessState {
        subject: subject.map(|m| m.0),
        subject_user,
        subject_name,
        source,
        dialog,
        previous,
        claim,
        confirming: false,
        zone,
        checkin: None,
    };
    let id = dialog::start(cx, &key, skill.fingerprint(), &state).await?;
    let mut reply = show::view(cx.actor.locale, &view_id(&id, 0), &state, skill).private();
    if let Some(saved) = recent_save {
        reply.text = format!("{saved}\n\n{}", reply.text);
    }
    Ok(reply)
}

/// The save of this key's last dialog when it was made within the hour:
/// the member may not have seen its confirmation (the bot stopped just
/// after) and is starting over because of it.
async fn last_save(
    cx: &Ctx<'_>,
    me: MemberId,
    key: &str,
    skill: &Skill,
    zone: &str,
) -> Result<Option<String>, AppError> {
    let (key, now) = (key.to_string(), cx.now);
    let saved = cx
        .read(move |s| {
            let Some(row) = s.saved_dialog(me, &key, now)? else {
                return Ok(None);
            };
            let Some((at, id)) = row
                .saved
                .filter(|(at, _)| now - *at <= chrono::Duration::hours(1))
            else {
                return Ok(None);
            };
            Ok(s.assessment(id)?.map(|e| (at, e)))
        })
        .await?;
    Ok(saved.map(|(at, e)| {
        tr!(
            cx,
            "assess-last-saved",
            skill = skill.name(),
            at = markup::time(at, TimeStyle::DateTime, zone),
            level = level_name(e.level, skill)
        )
    }))
}

/// The unfinished guided dialog of this key, shown where it was left with
/// a way to start over, rather than thrown away by a new one.
async fn go_on(
    cx: &Ctx<'_>,
    me: MemberId,
    key: &str,
    skill: &Skill,
    role: Option<&str>,
) -> Result<Option<Reply>, AppError> {
    let (key, now) = (key.to_string(), cx.now);
    let Some(row) = cx.read(move |s| s.dialog_by_key(me, &key, now)).await? else {
        return Ok(None);
    };
    let Ok(Some(state)) = dialog::read::<AssessState>(&row) else {
        return Ok(None);
    };
    let dialog = &state.dialog;
    let same_role = role.is_none_or(|r| dialog.role.as_deref() == Some(r));
    if row.matrix_hash != skill.fingerprint()
        || !matches!(dialog.mode, Mode::Guided { .. })
        || dialog.answers.is_empty()
        || !same_role
    {
        return Ok(None);
    }
    let mut reply = show::view(cx.actor.locale, &view_id(&row.id, row.step), &state, skill);
    reply.text = format!(
        "{}\n\n{}",
        tr!(
            cx,
            "assess-unfinished",
            skill = skill.name(),
            count = dialog.answers.len()
        ),
        reply.text
    );
    Ok(Some(
        reply
            .button(
                ComponentId::dialog(&view_id(&row.id, row.step), DialogAction::Restart),
                tr!(cx, "assess-start-over"),
                Style::Secondary,
            )
            .private(),
    ))
}

/// What Cancel in the middle of a check-in's skills says: which were saved
/// before it, and what is left unsaved.
pub fn cancelled_in_checkin(
    r: Locale,
    catalog: &Catalog,
    state: &AssessState,
    chain: &CheckinChain,
) -> String {
    let name = |slug: &str| {
        catalog
            .get(slug)
            .map_or(slug.to_string(), |s| s.name().to_string())
    };
    let this = name(&state.dialog.skill);
    let before = chain.total.saturating_sub(chain.then.len() + 1);
    let mut text = if chain.then.is_empty() {
        tr!(r, "checkin-cancelled", skill = this)
    } else {
        let rest: Vec<String> = chain.then.iter().map(|s| name(s)).collect();
        tr!(
            r,
            "checkin-cancelled-rest",
            skill = this,
            rest = crate::i18n::list(rest)
        )
    };
    if before > 0 {
        text.push_str(&tr!(r, "checkin-cancelled-kept", count = before));
    }
    text
}

impl dialog::DialogKind for AssessState {
    const KIND: &'static str = "assess";

    fn subject_user(&self) -> Option<String> {
        Some(self.subject_user.clone())
    }

    fn lead_only(&self) -> Option<&'static str> {
        self.by_lead().then_some("assess member:")
    }

    fn has_steps(&self) -> bool {
        true
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        match &self.checkin {
            Some(chain) => cancelled_in_checkin(press.actor.locale, press.catalog, self, chain),
            None => tr!(press, "cancelled-assess"),
        }
    }

    fn current(&self, at: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(current_view(at.locale, at.catalog, at.row, self).map(Reply::private))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        // Save pressed again after it saved: confirmed, nothing changes.
        if let Some(saved) = stored.row.saved {
            return already_saved(press, &self, saved);
        }
        on_action(press, stored, self, input)
    }
}
