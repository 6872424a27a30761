//! Button presses, select choices and submitted forms. Their ids carry the
//! dialog id, so they work across restarts: the state is in the database.

use super::{Data, Error, actor, log_interaction, render};
use crate::app::{Action, Reply, Request};
use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, ComponentInteractionDataKind, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, EditInteractionResponse,
    FullEvent, Interaction, ModalInteraction,
};
use std::time::Instant;

pub async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
) -> Result<(), Error> {
    let FullEvent::InteractionCreate { interaction } = event else {
        return Ok(());
    };
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    let _in_flight = data.in_flight.enter();
    let result = match interaction {
        Interaction::Component(c) => on_component(ctx, data, c).await,
        Interaction::Modal(m) => on_modal(ctx, data, m).await,
        _ => Ok(()),
    };
    if let Err(e) = &result {
        tracing::error!(error = %format!("{e:#}"), "component interaction failed");
    }
    Ok(())
}

/// Who used a component, with the server's name from the cache.
fn who(
    ctx: &serenity::Context,
    guild: Option<serenity::GuildId>,
    user: &serenity::User,
    member: Option<&serenity::Member>,
) -> crate::app::Actor {
    let name = guild.and_then(|g| ctx.cache.guild(g).map(|g| g.name.clone()));
    actor(guild, name, user, member)
}

async fn on_component(
    ctx: &serenity::Context,
    data: &Data,
    c: &ComponentInteraction,
) -> Result<(), Error> {
    let started = Instant::now();
    let id = c.data.custom_id.clone();
    let action = match &c.data.kind {
        ComponentInteractionDataKind::Button => Action::Button { id },
        ComponentInteractionDataKind::StringSelect { values } => Action::Select {
            id: render::select_id(&id).to_string(),
            values: values.clone(),
        },
        _ => return Ok(()),
    };
    let label = action.label();
    let who = who(ctx, c.guild_id, &c.user, c.member.as_ref());
    let reply = ask(data, who, action).await;
    if let Some(modal) = &reply.modal {
        c.create_response(ctx, CreateInteractionResponse::Modal(render::modal(modal)))
            .await?;
    } else if reply.reports_delivery.is_some() {
        // The answer waits for the deliveries it reports: acknowledged
        // now (Discord's 3 seconds), the true answer once they are done.
        let wait = CreateInteractionResponseMessage::new().ephemeral(reply.private);
        c.create_response(ctx, CreateInteractionResponse::Defer(wait))
            .await?;
        let reply = data.app.conclude(reply.clone()).await;
        let first = render::pages(&reply).into_iter().next().unwrap_or_default();
        let edit = EditInteractionResponse::new()
            .embeds(first.embeds)
            .components(first.components);
        c.edit_response(ctx, edit).await?;
        log_interaction(&label, started, reply.outcome);
        return Ok(());
    } else {
        respond(
            &reply,
            |r| c.create_response(ctx, r),
            |f| c.create_followup(ctx, f),
        )
        .await?;
    }
    log_interaction(&label, started, reply.outcome);
    for text in data.app.deliver(&reply.notices, reply.locale).await {
        let tell = CreateInteractionResponseFollowup::new()
            .content(text)
            .ephemeral(true);
        c.create_followup(ctx, tell).await?;
    }
    Ok(())
}

async fn on_modal(ctx: &serenity::Context, data: &Data, m: &ModalInteraction) -> Result<(), Error> {
    let started = Instant::now();
    let fields = m
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|c| match c {
            serenity::ActionRowComponent::InputText(t) => {
                Some((t.custom_id.clone(), t.value.clone().unwrap_or_default()))
            }
            _ => None,
        })
        .collect();
    let action = Action::Modal {
        id: m.data.custom_id.clone(),
        fields,
    };
    let who = who(ctx, m.guild_id, &m.user, m.member.as_ref());
    let reply = ask(data, who, action).await;
    respond(
        &reply,
        |r| m.create_response(ctx, r),
        |f| m.create_followup(ctx, f),
    )
    .await?;
    log_interaction("modal", started, reply.outcome);
    Ok(())
}

/// The app's reply (it never fails: faults come back as an apology).
async fn ask(data: &Data, actor: crate::app::Actor, action: Action) -> Reply {
    data.app.handle(&Request { actor, action }).await
}

/// The first page answers the interaction (updating the pressed message,
/// or as a new message); further pages follow up.
async fn respond<R, F, RF, FF>(reply: &Reply, answer: R, follow: F) -> Result<(), Error>
where
    R: FnOnce(CreateInteractionResponse) -> RF,
    F: Fn(CreateInteractionResponseFollowup) -> FF,
    RF: Future<Output = serenity::Result<()>>,
    FF: Future<Output = serenity::Result<serenity::Message>>,
{
    let mut pages = render::pages(reply).into_iter();
    let first = pages.next().unwrap_or_default();
    let message = CreateInteractionResponseMessage::new()
        .embeds(first.embeds)
        .components(first.components)
        .files(first.attachments)
        .ephemeral(reply.private);
    answer(if reply.update {
        CreateInteractionResponse::UpdateMessage(message)
    } else {
        CreateInteractionResponse::Message(message)
    })
    .await?;
    for page in pages {
        let followup = CreateInteractionResponseFollowup::new()
            .embeds(page.embeds)
            .components(page.components)
            .files(page.attachments)
            .ephemeral(reply.private);
        follow(followup).await?;
    }
    Ok(())
}
