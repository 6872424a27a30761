//! App replies as Discord messages, within Discord's limits: long texts and
//! many fields are split over several embeds and messages, never cut.

use crate::app::markup::{self, Reference, TimeStyle};
use crate::app::{Reply, Style};
use crate::text::split_text;
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateAttachment, CreateButton, CreateEmbed, CreateInputText,
    CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle,
};

pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FIELDS_PER_EMBED: usize = 25;
/// Discord counts all embeds of one message together against 6,000.
pub const CHARS_PER_MESSAGE: usize = 6000;
pub const EMBEDS_PER_MESSAGE: usize = 10;
/// Discord refuses a custom id or a select option value over 100 characters.
pub const ID_MAX: usize = 100;
/// A select menu holds at most 25 options.
const OPTIONS_PER_MENU: usize = 25;
/// Marks the second and later menus of one select.
const MENU_SUFFIX: &str = "~";

/// The app's select id behind a menu's custom id.
pub fn select_id(custom_id: &str) -> &str {
    match custom_id.rsplit_once(MENU_SUFFIX) {
        Some((id, n)) if n.parse::<u8>().is_ok() => id,
        _ => custom_id,
    }
}
const BUTTONS_PER_ROW: usize = 5;
const ROWS_PER_MESSAGE: usize = 5;

const COLOUR: u32 = 0x2f8f83;

/// One Discord message's worth of a reply.
#[derive(Debug, Default)]
pub struct Page {
    pub embeds: Vec<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    pub attachments: Vec<CreateAttachment>,
}

/// A plain description of one embed before it is built, so that sizes can
/// be counted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedText {
    pub title: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String)>,
}

impl EmbedText {
    fn size(&self) -> usize {
        chars(self.title.as_deref().unwrap_or_default())
            + chars(&self.description)
            + self
                .fields
                .iter()
                .map(|(n, v)| chars(n) + chars(v))
                .sum::<usize>()
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The app's references as Discord shows them: a role as a mention (which
/// shows its current name), a time as a timestamp each reader sees in their
/// own zone, emphasis and code in Discord's markdown.
pub fn markup(text: &str) -> String {
    markup::render(text, |r| match r {
        Reference::Role { id, .. } => format!("<@&{id}>"),
        Reference::Channel { id, .. } => format!("<#{id}>"),
        Reference::Time { at, style, .. } => {
            let code = match style {
                TimeStyle::Date => 'D',
                TimeStyle::DateTime => 'f',
                TimeStyle::Relative => 'R',
            };
            format!("<t:{}:{code}>", at.timestamp())
        }
        Reference::Strong(text) => format!("**{text}**"),
        Reference::Code(text) => format!("`{text}`"),
    })
}

/// The reply's text as embeds within every per-embed and per-message limit.
pub fn embed_texts(reply: &Reply) -> Vec<Vec<EmbedText>> {
    let rendered = Reply {
        title: reply.title.as_deref().map(markup),
        text: markup(&reply.text),
        fields: reply
            .fields
            .iter()
            .map(|f| crate::app::Field {
                name: markup(&f.name),
                value: markup(&f.value),
            })
            .collect(),
        locale: reply.locale,
        ..Reply::default()
    };
    let reply = &rendered;
    let mut embeds: Vec<EmbedText> = Vec::new();
    let title = reply
        .title
        .as_ref()
        .map(|t| split_text(t, TITLE_MAX).remove(0));
    let descriptions = split_text(&reply.text, DESCRIPTION_MAX);
    for (i, d) in descriptions.into_iter().enumerate() {
        embeds.push(EmbedText {
            title: if i == 0 { title.clone() } else { None },
            description: d,
            fields: Vec::new(),
        });
    }
    for (name, value) in reply.fields.iter().map(|f| (&f.name, &f.value)) {
        let name = split_text(name, FIELD_NAME_MAX).remove(0);
        for (i, part) in split_text(value, FIELD_VALUE_MAX).into_iter().enumerate() {
            let field_name = if i == 0 {
                name.clone()
            } else {
                crate::tr!(
                    reply.locale,
                    "page-field-continued",
                    name = name.chars().take(200).collect::<String>()
                )
            };
            let last = embeds.last_mut().filter(|e| {
                e.fields.len() < FIELDS_PER_EMBED
                    && e.size() + chars(&field_name) + chars(&part) <= CHARS_PER_MESSAGE
            });
            match last {
                Some(e) => e.fields.push((field_name, part)),
                None => embeds.push(EmbedText {
                    title: None,
                    description: String::new(),
                    fields: vec![(field_name, part)],
                }),
            }
        }
    }
    // Group embeds into messages of at most 10 embeds and 6,000 characters.
    let mut messages: Vec<Vec<EmbedText>> = Vec::new();
    let mut size = 0;
    for e in embeds {
        let fits = messages
            .last()
            .is_some_and(|m| m.len() < EMBEDS_PER_MESSAGE && size + e.size() <= CHARS_PER_MESSAGE);
        if !fits {
            messages.push(Vec::new());
            size = 0;
        }
        size += e.size();
        if let Some(m) = messages.last_mut() {
            m.push(e);
        }
    }
    messages
}

fn build_embed(e: &EmbedText) -> CreateEmbed {
    let mut embed = CreateEmbed::new().colour(COLOUR);
    if let Some(t) = &e.title {
        embed = embed.title(t);
    }
    if !e.description.is_empty() {
        embed = embed.description(&e.description);
    }
    for (n, v) in &e.fields {
        embed = embed.field(n, v, false);
    }
    embed
}

fn style(s: Style) -> ButtonStyle {
    match s {
        Style::Primary => ButtonStyle::Primary,
        Style::Secondary => ButtonStyle::Secondary,
        Style::Success => ButtonStyle::Success,
        Style::Danger => ButtonStyle::Danger,
    }
}

/// Select menus and buttons; the app keeps to one select of at most 25
/// options and a handful of buttons, which fit one message.
pub fn components(reply: &Reply) -> Vec<CreateActionRow> {
    // Ids and values cannot be cut without breaking them: one over the
    // limit is a bug upstream (the matrix keeps names to 100 characters),
    // logged, and its component left out so that the message still goes.
    let fits = |id: &str| {
        let ok = id.chars().count() <= ID_MAX;
        if !ok {
            tracing::error!(
                chars = id.chars().count(),
                "a component id or value is over Discord's limit"
            );
        }
        ok
    };
    let buttons: Vec<&crate::app::Button> = reply.buttons.iter().filter(|b| fits(&b.id)).collect();
    let button_rows = buttons
        .len()
        .div_ceil(BUTTONS_PER_ROW)
        .min(ROWS_PER_MESSAGE);
    let mut rows = Vec::new();
    if let Some(select) = reply.select.as_ref().filter(|s| fits(&s.id)) {
        let options: Vec<_> = select.options.iter().filter(|c| fits(&c.value)).collect();
        // A menu holds 25 options: more go into further menus, as many as
        // the rows the buttons leave; each menu's id gets a suffix that
        // `select_id` takes off again.
        let menus = ROWS_PER_MESSAGE.saturating_sub(button_rows).max(1);
        let chunks: Vec<_> = options.chunks(OPTIONS_PER_MENU).take(menus).collect();
        let shown: usize = chunks.iter().map(|c| c.len()).sum();
        for (n, chunk) in chunks.iter().enumerate() {
            let id = if n == 0 {
                select.id.clone()
            } else {
                format!("{}{MENU_SUFFIX}{}", select.id, n + 1)
            };
            let placeholder = match (chunks.len(), shown < options.len()) {
                (1, false) => select.placeholder.clone(),
                (_, false) => crate::tr!(
                    reply.locale,
                    "page-menu-part",
                    placeholder = &select.placeholder,
                    n = n + 1,
                    count = chunks.len()
                ),
                (_, true) => crate::tr!(
                    reply.locale,
                    "page-menu-some-shown",
                    placeholder = &select.placeholder,
                    shown = shown,
                    count = options.len()
                ),
            };
            let menu_options = chunk
                .iter()
                .map(|c| {
                    CreateSelectMenuOption::new(
                        c.label.chars().take(100).collect::<String>(),
                        &c.value,
                    )
                })
                .collect();
            rows.push(CreateActionRow::SelectMenu(
                CreateSelectMenu::new(
                    id,
                    CreateSelectMenuKind::String {
                        options: menu_options,
                    },
                )
                .placeholder(placeholder.chars().take(150).collect::<String>()),
            ));
        }
    }
    for chunk in buttons.chunks(BUTTONS_PER_ROW) {
        if rows.len() == ROWS_PER_MESSAGE {
            break;
        }
        rows.push(CreateActionRow::Buttons(
            chunk
                .iter()
                .map(|b| {
                    CreateButton::new(&b.id)
                        .label(b.label.chars().take(80).collect::<String>())
                        .style(style(b.style))
                })
                .collect(),
        ));
    }
    rows
}

/// The reply as one or more messages; components and attachments go with
/// the last, where the user reads to.
pub fn pages(reply: &Reply) -> Vec<Page> {
    let mut pages: Vec<Page> = embed_texts(reply)
        .iter()
        .map(|m| Page {
            embeds: m.iter().map(build_embed).collect(),
            ..Page::default()
        })
        .collect();
    if pages.is_empty() {
        pages.push(Page::default());
    }
    if let Some(last) = pages.last_mut() {
        last.components = components(reply);
        last.attachments = reply
            .attachments
            .iter()
            .map(|a| CreateAttachment::bytes(a.bytes.clone(), a.name.clone()))
            .collect();
    }
    pages
}

pub fn modal(m: &crate::app::Modal) -> CreateModal {
    let rows = m
        .fields
        .iter()
        .map(|f| {
            CreateActionRow::InputText(
                CreateInputText::new(
                    InputTextStyle::Paragraph,
                    f.label.chars().take(45).collect::<String>(),
                    &f.id,
                )
                .required(f.required)
                .max_length(u16::try_from(f.max_chars).unwrap_or(4000).min(4000))
                .placeholder(f.placeholder.chars().take(100).collect::<String>()),
            )
        })
        .collect();
    CreateModal::new(&m.id, m.title.chars().take(45).collect::<String>()).components(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_over_discords_limits_are_left_out() {
        let reply = Reply::text("x")
            .button("ok", "Fine", Style::Primary)
            .button("i".repeat(101), "Too long", Style::Primary);
        let rows = components(&reply);
        assert_eq!(rows.len(), 1);
        let json = serde_json::to_string(&rows).unwrap();
        assert!(
            json.contains("Fine") && !json.contains("Too long"),
            "{json}"
        );
    }

    #[test]
    fn a_long_select_is_spread_over_menus_of_25() {
        let mut reply = Reply::text("Pick").button("b", "Cancel", Style::Danger);
        reply.select = Some(crate::app::Select {
            id: "sb1|d|x|role".into(),
            placeholder: "Role".into(),
            options: (0..70)
                .map(|i| crate::app::Choice {
                    value: format!("Role {i}"),
                    label: format!("Role {i}"),
                })
                .collect(),
        });
        let rows = components(&reply);
        assert_eq!(rows.len(), 4, "three menus and a row of buttons");
        let json = serde_json::to_string(&rows).unwrap();
        assert!(
            json.contains("sb1|d|x|role~3") && json.contains("Role 69"),
            "{json}"
        );
        assert_eq!(select_id("sb1|d|x|role~3"), "sb1|d|x|role");
        assert_eq!(select_id("sb1|d|x|role"), "sb1|d|x|role");
        assert!(json.contains(r#""placeholder":"Role (1 of 3)""#), "{json}");
    }

    #[test]
    fn long_text_is_split_never_cut() {
        let text = "word ".repeat(3000);
        let pieces = split_text(&text, 4096);
        assert!(pieces.iter().all(|p| chars(p) <= 4096));
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn many_long_fields_spread_over_embeds_and_messages() {
        let mut reply = Reply::titled("T", "intro");
        for i in 0..60 {
            reply = reply.field(format!("field {i}"), "x".repeat(1500));
        }
        let messages = embed_texts(&reply);
        let mut total = 0;
        for m in &messages {
            assert!(m.len() <= EMBEDS_PER_MESSAGE);
            assert!(m.iter().map(EmbedText::size).sum::<usize>() <= CHARS_PER_MESSAGE);
            for e in m {
                assert!(e.fields.len() <= FIELDS_PER_EMBED);
                assert!(
                    e.fields
                        .iter()
                        .all(|(n, v)| chars(n) <= FIELD_NAME_MAX && chars(v) <= FIELD_VALUE_MAX)
                );
                total += e.fields.iter().map(|(_, v)| chars(v)).sum::<usize>();
            }
        }
        assert_eq!(total, 60 * 1500, "nothing is lost");
        let names: Vec<&str> = messages
            .iter()
            .flatten()
            .flat_map(|e| e.fields.iter().map(|(n, _)| n.as_str()))
            .collect();
        assert!(names.contains(&"field 0 (continued)"), "{names:?}");
        assert!(messages.len() > 1);
    }
}
