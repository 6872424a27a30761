//! Time zones and the weekly check-in's times. Pure: `now` is always a
//! parameter.

mod week;

pub use week::{
    Due, IsoWeek, MOST_GRACE_MINUTES, Member, Schedule, due_in_week, next_checkin, next_due,
    parse_time_of_day, parse_weekday, this_week, week_at,
};

use crate::i18n::Msg;
use crate::msg;
use chrono_tz::Tz;

/// An IANA time zone as typed ("europe/berlin" is fine); a miss names the
/// closest zones.
pub fn parse_time_zone(input: &str) -> Result<Tz, Msg> {
    let input = input.trim();
    // The longest IANA name is 32 characters; anything far longer is not
    // worth comparing with every zone.
    if input.chars().count() > 64 {
        return Err(msg!(
            "zone-too-long",
            input = crate::text::shorten(input, crate::text::QUOTED_CHARS)
        ));
    }
    if let Ok(tz) = Tz::from_str_insensitive(input) {
        return Ok(tz);
    }
    let wanted = input.to_lowercase().replace(' ', "_");
    // A common abbreviation, as people write zones: its usual zone.
    if let Some((_, zone)) = ABBREVIATIONS
        .iter()
        .find(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(input))
    {
        return zone
            .parse()
            .map_err(|_| msg!("zone-not-in-build", zone = *zone));
    }
    // A city alone ("Tokyo", "new york"), when one zone has it.
    let cities: Vec<Tz> = chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|tz| {
            tz.name().contains('/')
                && tz
                    .name()
                    .rsplit('/')
                    .next()
                    .is_some_and(|city| city.eq_ignore_ascii_case(&wanted))
        })
        .collect();
    if let [tz] = cities.as_slice() {
        return Ok(*tz);
    }
    let mut scored: Vec<(f64, &str)> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            let name = tz.name();
            let city = name.rsplit('/').next().unwrap_or(name).to_lowercase();
            let score = strsim::jaro_winkler(&wanted, &name.to_lowercase())
                .max(strsim::jaro_winkler(&wanted, &city));
            (score, name)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let closest: Vec<&str> = scored.iter().take(3).map(|(_, n)| *n).collect();
    Err(msg!(
        "zone-unknown",
        input = input,
        closest = crate::i18n::list(closest)
    ))
}

/// Abbreviations people type for a zone, and the zone each usually means.
/// The IANA database names a few (CET, EST, MST) itself; these are the
/// common ones it does not.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("JST", "Asia/Tokyo"),
    ("KST", "Asia/Seoul"),
    ("IST", "Asia/Kolkata"),
    ("SGT", "Asia/Singapore"),
    ("HKT", "Asia/Hong_Kong"),
    ("CEST", "Europe/Berlin"),
    ("BST", "Europe/London"),
    ("MSK", "Europe/Moscow"),
    ("EDT", "America/New_York"),
    ("CST", "America/Chicago"),
    ("CDT", "America/Chicago"),
    ("MDT", "America/Denver"),
    ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("BRT", "America/Sao_Paulo"),
    ("AEST", "Australia/Sydney"),
    ("AEDT", "Australia/Sydney"),
    ("NZST", "Pacific/Auckland"),
    ("NZDT", "Pacific/Auckland"),
];

/// Time zone names for a menu as the user types: those starting with the
/// input (or with a city that does) first, then those containing it.
pub fn suggest_time_zones(input: &str, limit: usize) -> Vec<&'static str> {
    let wanted = input.trim().to_lowercase().replace(' ', "_");
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for tz in chrono_tz::TZ_VARIANTS.iter() {
        let name = tz.name();
        let lower = name.to_lowercase();
        let city = lower.rsplit('/').next().unwrap_or(&lower);
        if lower.starts_with(&wanted) || city.starts_with(&wanted) {
            starts.push(name);
        } else if lower.contains(&wanted) {
            contains.push(name);
        }
    }
    starts.extend(contains);
    starts.truncate(limit);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_by_iana_name_in_any_case() {
        assert_eq!(parse_time_zone("Europe/Berlin"), Ok(Tz::Europe__Berlin));
        assert_eq!(
            parse_time_zone(" america/new_york "),
            Ok(Tz::America__New_York)
        );
        assert_eq!(suggest_time_zones("berl", 25), ["Europe/Berlin"]);
        assert_eq!(parse_time_zone("Tokyo"), Ok(Tz::Asia__Tokyo));
        assert_eq!(parse_time_zone("new york"), Ok(Tz::America__New_York));
        assert_eq!(parse_time_zone("JST"), Ok(Tz::Asia__Tokyo));
        assert_eq!(parse_time_zone("pst"), Ok(Tz::America__Los_Angeles));
        assert_eq!(parse_time_zone("CET"), Ok(Tz::CET));
        assert_eq!(suggest_time_zones("", 25).len(), 25);
        assert_eq!(parse_time_zone("Berlin"), Ok(Tz::Europe__Berlin));
        let err = parse_time_zone("Berlinn")
            .unwrap_err()
            .render(crate::i18n::Locale::EnUs);
        assert!(err.contains("Europe/Berlin"), "{err}");
    }
}
