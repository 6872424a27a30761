//! Messages a reply asked for, sent through the notifier of their platform.

use crate::app::core::App;
use crate::app::protocol::{Delivery, Notice, Notifier, Recipient, Reply, notify, why};
use crate::i18n::Locale;
use crate::team::Platform;
use crate::tr;

/// What became of one notice, for the asker: whom it was for, whether
/// they have it, and a line to tell (it was kept, or did not arrive).
struct Sent {
    whom: String,
    got: bool,
    line: Option<String>,
}

impl App {
    /// Delivers the messages a reply asked for through their platform's
    /// notifier, retrying as the settings allow; returns a line for the
    /// asker about each that was kept for later or did not arrive.
    pub async fn deliver(&self, notices: &[Notice], reader: Locale) -> Vec<String> {
        self.send_each(notices, reader)
            .await
            .into_iter()
            .filter_map(|sent| sent.line)
            .collect()
    }

    /// For a reply whose text reports its deliveries: delivers its notices
    /// and gives it the true text, naming who got the message and who did
    /// not (then it has no notices left). Any other reply is returned as it
    /// is, for `deliver` after it is shown.
    pub async fn conclude(&self, mut reply: Reply) -> Reply {
        let Some(lead_in) = reply.reports_delivery.take() else {
            return reply;
        };
        let notices = std::mem::take(&mut reply.notices);
        let mut got = Vec::new();
        let mut lines = Vec::new();
        for sent in self.send_each(&notices, reply.locale).await {
            if sent.got {
                got.push(sent.whom);
            }
            lines.extend(sent.line);
        }
        if !got.is_empty() {
            let names = crate::i18n::list(got);
            lines.insert(
                0,
                tr!(
                    reply.locale,
                    "delivered-to",
                    lead_in = lead_in,
                    names = names
                ),
            );
        }
        if lines.is_empty() {
            lines.push(reply.text.clone());
        }
        reply.text = lines.join("\n");
        reply
    }

    /// Sends each notice: whom it was for, and the line for the asker (who
    /// reads `reader`) when it did not arrive.
    async fn send_each(&self, notices: &[Notice], reader: Locale) -> Vec<Sent> {
        let mut sent = Vec::new();
        for notice in notices {
            let notifier = self.notifier_of(notice);
            let (outcome, attempts) =
                notify::send_with_retries(notifier, notice, self.settings.retry).await;
            let whom = match &notice.to {
                Recipient::Member { name, .. } => name.clone(),
                Recipient::Channel { .. } => tr!(reader, "dm-the-channel"),
            };
            let (got, line) = match outcome {
                Delivery::Delivered => {
                    tracing::info!(attempts, "message delivered");
                    (true, None)
                }
                Delivery::Queued => (true, Some(tr!(reader, "kept-for", name = &whom))),
                Delivery::Refused(why::Why::NotHere) => {
                    (false, Some(tr!(reader, "kept-never-here", name = &whom)))
                }
                Delivery::Refused(why) => {
                    tracing::info!(reason = %why.code(), "message refused");
                    let line = tr!(reader, "dm-refused", whom = &whom, why = why.msg());
                    (false, Some(line))
                }
                Delivery::RateLimited(_) | Delivery::Failed(_) => {
                    tracing::warn!(attempts, outcome = ?outcome, "message not delivered");
                    (false, Some(tr!(reader, "dm-busy", whom = &whom)))
                }
            };
            sent.push(Sent { whom, got, line });
        }
        sent
    }

    /// The notifier of the platform a notice comes from.
    pub(crate) fn notifier_of(&self, notice: &Notice) -> &dyn Notifier {
        match &notice.origin {
            Some((platform, _)) => self.settings.notifiers.of(*platform),
            None => self.settings.notifiers.of(Platform::Discord),
        }
    }
}
