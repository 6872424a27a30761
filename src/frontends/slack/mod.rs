//! The Slack front end on slack-morphism: slash commands, buttons, menus,
//! modals and the Home tab, translated to and from the app.
//!
//! Slack wants every envelope or request acknowledged within 3 seconds and
//! reads one Socket Mode envelope at a time, so `Slack::take` answers at
//! once and does the work in a task; only a submitted form is handled
//! before its acknowledgement, which is where Slack wants its errors.
//! Slack reaches the bot over Socket Mode (`socket`) or the HTTP Events API
//! (`http`); both hand the same payloads to `take`.

mod answer;
pub mod api;
pub mod blocks;
mod home;
pub mod http;
mod import;
pub mod incoming;
pub mod manifest;
pub mod notify;
pub mod people;
pub mod socket;

use crate::app::{
    Action, App, Notifiers, Outcome, RandomIds, Reply, Request, RetryPolicy, Settings,
};
use crate::clock::SystemClock;
use crate::config::{SlackConfig, SlackReach};
use crate::frontends::lifecycle::{self, Background, InFlight, checkin_loop, tidy_loop};
use crate::frontends::typed_line::{Source, parse_line};
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use api::WebApi;
use incoming::Incoming;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;

pub use notify::SlackNotifier;

/// What Slack is answered at once.
#[derive(Clone, Debug, PartialEq)]
pub enum Ack {
    /// Received; the answer follows.
    Empty,
    /// A form's submission refused, with why beside its field.
    Errors { field: String, why: String },
    /// A form accepted: close it.
    Clear,
}

impl Ack {
    /// The acknowledgement's payload, as Slack reads it.
    pub fn payload(&self) -> Option<Value> {
        match self {
            Ack::Empty => None,
            Ack::Errors { field, why } => Some(json!({
                "response_action": "errors",
                "errors": { field.as_str(): why },
            })),
            Ack::Clear => Some(json!({"response_action": "clear"})),
        }
    }
}

/// The front end: the app, Slack's Web API, who is who, and the work in
/// flight (which a stop waits for).
#[derive(Debug)]
pub struct Slack {
    app: Arc<App>,
    api: WebApi,
    people: people::People,
    in_flight: Arc<InFlight>,
}

impl Slack {
    pub fn new(app: Arc<App>, api: WebApi) -> Arc<Slack> {
        Arc::new(Slack {
            app,
            people: people::People::new(api.clone()),
            api,
            in_flight: Arc::default(),
        })
    }

    pub fn in_flight(&self) -> &Arc<InFlight> {
        &self.in_flight
    }

    /// Takes what Slack sent: the acknowledgement to give now; the answer
    /// follows from a task.
    pub async fn take(self: &Arc<Self>, incoming: Incoming) -> Ack {
        let entered = self.in_flight.enter();
        if let Incoming::Submission {
            from,
            callback_id,
            fields,
            reply_to,
        } = incoming
        {
            let started = Instant::now();
            let actor = self.people.actor(&from).await;
            let (action, first_field) = if let Some(form) = import::form_by_id(&callback_id) {
                (form.command(&fields), Some(import::TEXT.to_string()))
            } else {
                let first_field = fields.first().map(|(id, _)| id.clone());
                let action = Action::Modal {
                    id: callback_id,
                    fields,
                };
                (action, first_field)
            };
            let reply = self.app.handle(&Request { actor, action }).await;
            lifecycle::log_interaction("modal", started, reply.outcome);
            if reply.outcome == Outcome::Refused
                && let Some(field) = first_field
            {
                let why = crate::markup::plain_for(reply.locale, &reply.text);
                return Ack::Errors { field, why };
            }
            let slack = Arc::clone(self);
            tokio::spawn(async move {
                let _entered = entered;
                slack.show(reply, &from, &reply_to, "").await;
            });
            return Ack::Clear;
        }
        let slack = Arc::clone(self);
        tokio::spawn(async move {
            let _entered = entered;
            slack.work(incoming).await;
        });
        Ack::Empty
    }

    async fn work(&self, incoming: Incoming) {
        let started = Instant::now();
        match incoming {
            Incoming::Command {
                from,
                command,
                text,
                trigger_id,
                reply_to,
            } => {
                let actor = self.people.actor(&from).await;
                if let Some(form) = import::form_for(&command, &text) {
                    return self
                        .open_form(form, &actor, &from, &reply_to, &trigger_id)
                        .await;
                }
                let r = actor.locale;
                let reply = match parse_line(&format!("{command} {text}"), Source::Chat) {
                    Ok(action) => {
                        let label = action.label();
                        let reply = self.app.handle(&Request { actor, action }).await;
                        lifecycle::log_interaction(&label, started, reply.outcome);
                        reply
                    }
                    Err(why) => Reply::refused(why.render(r)),
                };
                self.show(reply, &from, &reply_to, &trigger_id).await;
            }
            Incoming::Action {
                from,
                action_id,
                selected,
                trigger_id,
                reply_to,
                home,
            } => {
                let actor = self.people.actor(&from).await;
                let action = match (home::command_of(&action_id), selected) {
                    (Some(command), _) if home => Action::command(command, &[]),
                    (_, Some(value)) => Action::Select {
                        id: blocks::select_id(&action_id).to_string(),
                        values: vec![value],
                    },
                    (_, None) => Action::Button { id: action_id },
                };
                let label = action.label();
                let reply = self.app.handle(&Request { actor, action }).await;
                lifecycle::log_interaction(&label, started, reply.outcome);
                self.show(reply, &from, &reply_to, &trigger_id).await;
            }
            Incoming::HomeOpened { from } => self.publish_home(&from).await,
            Incoming::FileShared {
                from,
                channel,
                text,
                files,
            } => self.import_shared(&from, channel, &text, &files).await,
            // Handled before its acknowledgement, in `take`.
            Incoming::Submission { .. } => {}
        }
    }
}

/// The app as `skillbot slack` runs it: the matrix directory, the
/// database, the system clock, and messages through Slack's Web API.
pub fn open_app(config: &SlackConfig, api: &WebApi) -> anyhow::Result<App> {
    let catalog = Catalog::load_dir(&config.matrix_dir)?;
    let db = Db::open(&config.database)?;
    tracing::info!(skills = catalog.len(), database = %config.database.display(), "starting");
    Ok(App::new(
        db,
        catalog,
        Settings {
            matrix_dir: config.matrix_dir.clone(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds),
            notifiers: Notifiers::new()
                .with(Platform::Slack, Arc::new(SlackNotifier::new(api.clone()))),
            retry: RetryPolicy::default(),
        },
    ))
}

/// Serves Slack the way `reach` says until `stop` completes.
pub async fn serve(
    reach: &SlackReach,
    slack: &Arc<Slack>,
    stop: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    match reach {
        SlackReach::SocketMode { app_token } => {
            socket::serve(slack, app_token, socket::Tuning::default(), stop).await
        }
        SlackReach::Http {
            signing_secret,
            listen,
        } => http::serve(slack, signing_secret, *listen, stop).await,
    }
}

/// Lets what Slack sent finish, for the grace period at most.
pub async fn drain(slack: &Slack) {
    if !slack.in_flight.drained(lifecycle::GRACE).await {
        tracing::warn!("some Slack interactions were still running when the grace period ended");
    }
}

/// `skillbot slack`: serves Slack until SIGTERM or Ctrl-C, then stops
/// taking envelopes, lets those in flight finish and empties the WAL.
/// The weekly check-in pass runs every minute.
pub async fn run(config: SlackConfig, app: Arc<App>) -> anyhow::Result<()> {
    let api = WebApi::new(&config.api_url, &config.bot_token);
    let slack = Slack::new(Arc::clone(&app), api);
    let background = Background::default();
    tidy_loop(&background, Arc::clone(&app));
    checkin_loop(&background, Arc::clone(&app), &[Platform::Slack]);
    serve(&config.reach, &slack, crate::shutdown::shutdown_signal()).await?;
    tracing::info!("stopping: no new envelopes; finishing those in flight");
    drain(&slack).await;
    background.stop(lifecycle::GRACE).await;
    app.db().settle().await?;
    tracing::info!("stopped");
    Ok(())
}
