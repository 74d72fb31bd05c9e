//! The "New Activity" notification text, worded as the TimeSafari app words it. Plan names come
//! from other users and are untrusted: trimmed, stripped of control and bidi-override
//! characters, and capped.

use serde::Serialize;

/// Names quoted before "+ N more".
pub const NAMES_SHOWN: usize = 3;
/// Longest plan name shown, in characters.
pub const MAX_NAME_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    pub title: String,
    pub body: String,
}

/// One notification for all changed plans, or `None` when nothing changed.
pub fn compose<S: AsRef<str>>(names: &[Option<S>]) -> Option<Notification> {
    compose_counted(names, true)
}

/// Like `compose`; with `complete` false the names are only the newest of the changes (paging
/// ended early), so the count is a lower bound and the text says "or more", never a number
/// lower than the truth as if it were exact.
pub fn compose_counted<S: AsRef<str>>(names: &[Option<S>], complete: bool) -> Option<Notification> {
    if names.is_empty() {
        return None;
    }
    let title = if names.len() == 1 && complete {
        "Starred Project Update"
    } else {
        "Starred Project Updates"
    };
    let quoted: Vec<String> = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|n| format!("\"{}\"", clean_name(n.as_ref().map(AsRef::as_ref))))
        .collect();
    let rest = names.len().saturating_sub(NAMES_SHOWN);
    let body = match (quoted.as_slice(), rest) {
        (shown, 0) if !complete => format!("{} and more have been updated.", shown.join(", ")),
        (shown, n) if !complete => {
            format!("{} + {n} or more have been updated.", shown.join(", "))
        }
        ([one], _) => format!("{one} has been updated."),
        ([a, b], _) => format!("{a} and {b} have been updated."),
        ([a, b, c], 0) => format!("{a}, {b} and {c} have been updated."),
        (shown, n) => format!("{} + {n} more have been updated.", shown.join(", ")),
    };
    Some(Notification {
        title: title.to_string(),
        body,
    })
}

/// A plan name fit to show: printable, single-line, at most `MAX_NAME_CHARS` characters.
pub fn clean_name(name: Option<&str>) -> String {
    let cleaned: String = name
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if cleaned.is_empty() {
        return "Unnamed project".to_string();
    }
    if cleaned.chars().count() > MAX_NAME_CHARS {
        let cut: String = cleaned.chars().take(MAX_NAME_CHARS - 1).collect();
        return format!("{}…", cut.trim_end());
    }
    cleaned
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(names: &[&str]) -> String {
        let names: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
        compose(&names).unwrap().body
    }

    #[test]
    fn wording_for_one_to_many_plans() {
        assert!(compose::<&str>(&[]).is_none());
        let one = compose(&[Some("Plan A")]).unwrap();
        assert_eq!(one.title, "Starred Project Update");
        assert_eq!(one.body, "\"Plan A\" has been updated.");
        assert_eq!(body(&["A", "B"]), "\"A\" and \"B\" have been updated.");
        assert_eq!(
            body(&["A", "B", "C"]),
            "\"A\", \"B\" and \"C\" have been updated."
        );
        let many = compose(&[Some("A"), Some("B"), Some("C"), Some("D"), None]).unwrap();
        assert_eq!(many.title, "Starred Project Updates");
        assert_eq!(many.body, "\"A\", \"B\", \"C\" + 2 more have been updated.");
    }

    #[test]
    fn an_incomplete_count_says_or_more() {
        let names: Vec<Option<String>> = (0..150).map(|i| Some(format!("P{i}"))).collect();
        let n = compose_counted(&names, false).unwrap();
        assert_eq!(n.title, "Starred Project Updates");
        assert_eq!(
            n.body,
            "\"P0\", \"P1\", \"P2\" + 147 or more have been updated."
        );
        let n = compose_counted(&[Some("A")], false).unwrap();
        assert_eq!(
            (n.title.as_str(), n.body.as_str()),
            (
                "Starred Project Updates",
                "\"A\" and more have been updated."
            )
        );
    }

    #[test]
    fn untrusted_names_are_cleaned() {
        assert_eq!(
            clean_name(Some("  Garden\n\tday \u{7}\u{202e}  ")),
            "Garden day"
        );
        assert_eq!(clean_name(Some("")), "Unnamed project");
        assert_eq!(clean_name(None), "Unnamed project");
        let long = clean_name(Some(&"é".repeat(500)));
        assert_eq!(long.chars().count(), MAX_NAME_CHARS);
        assert!(long.ends_with('…'));
    }
}
