//! The article of a web page, found by `dom_smoothie` (a maintained Rust port of Mozilla's
//! Readability, the algorithm behind Firefox's Reader View): its content, title, byline, site
//! name and publication date. Navigation, headers, footers, share bars, adverts and forms are
//! left out by the algorithm; the content is then drawn by the one HTML renderer.

use dom_smoothie::{Config, Readability};

use super::{render_fragment, with_head};
use crate::document::Document;
use crate::document::sanitize::sanitize_inline;

/// Page metadata shown under the title.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The author line.
    pub byline: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// One line of metadata, sanitized, white space collapsed; `None` when empty.
fn clean(text: Option<&str>) -> Option<String> {
    let joined = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then(|| sanitize_inline(&joined))
}

/// The `YYYY-MM-DD` at the start of an ISO 8601 date.
fn iso_date(text: Option<&str>) -> Option<String> {
    let date = text?.trim().get(..10)?;
    let ok = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    ok.then(|| date.to_string())
}

/// Extract the article from a parsed page.
///
/// # Errors
/// A short reason when the page has no article that Readability can find.
pub fn article(dom: dom_query::Document) -> Result<Document, String> {
    let config = Config {
        // Links, images and figures are kept; metadata from JSON-LD is used.
        ..Config::default()
    };
    let mut reader = Readability::with_document(dom, None, Some(config))
        .map_err(|e| format!("no article found ({e})"))?;
    let found = reader
        .parse()
        .map_err(|e| format!("no article found ({e})"))?;
    let rendered = render_fragment(&found.content);
    if rendered.blocks.is_empty() {
        return Err("no article found".into());
    }
    let title = clean(Some(&found.title))
        .or(rendered.first_h1.clone())
        .unwrap_or_default();
    let meta = Meta {
        byline: clean(found.byline.as_deref()),
        site: clean(found.site_name.as_deref()),
        date: iso_date(found.published_time.as_deref()),
    };
    Ok(with_head(title, Some(meta), rendered.blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_taken_from_iso_timestamps_only() {
        assert_eq!(
            iso_date(Some("2015-05-20T10:00:00Z")).as_deref(),
            Some("2015-05-20")
        );
        assert_eq!(iso_date(Some("May 20, 2015")), None);
        assert_eq!(iso_date(None), None);
    }

    #[test]
    fn metadata_is_sanitized_and_collapsed() {
        assert_eq!(
            clean(Some("  Jane \n Doe\u{1b}[2J ")).as_deref(),
            Some("Jane Doe␛[2J")
        );
        assert_eq!(clean(Some("   ")), None);
    }
}
