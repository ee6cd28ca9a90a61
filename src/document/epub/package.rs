//! An EPUB's package: where `META-INF/container.xml` says the package document is, and from
//! that document the title and authors, the manifest, the spine (reading order) and where the
//! navigation document (EPUB 3) or NCX (EPUB 2) is.

use std::collections::HashMap;

use super::archive::resolve;
use super::xml::{self, Node, attr};

/// The path of the package document named by `container.xml`, if any.
#[must_use]
pub fn rootfile(container: &str) -> Option<String> {
    let mut found = None;
    xml::walk(container, |node| {
        if let Node::Start { name, attrs } = node {
            if name == "rootfile" && found.is_none() {
                found = attr(&attrs, "full-path").map(str::to_string);
            }
        }
    });
    found.and_then(|p| super::archive::normalize(&p))
}

/// One manifest item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its path inside the archive.
    pub path: String,
    /// Its media type.
    pub media_type: String,
    /// Its `properties` (EPUB 3: `nav`, …).
    pub properties: String,
}

/// What the package document says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    /// `dc:title`.
    pub title: Option<String>,
    /// `dc:creator`s.
    pub creators: Vec<String>,
    /// `dc:date`.
    pub date: Option<String>,
    /// Manifest items by id.
    pub manifest: HashMap<String, Item>,
    /// The spine: manifest ids in reading order.
    pub spine: Vec<String>,
    /// The NCX's manifest id (`<spine toc=…>`).
    pub ncx: Option<String>,
    /// True when the package XML was malformed (what came before the error is kept).
    pub malformed: bool,
}

impl Package {
    /// The path of the EPUB 3 navigation document, or of the NCX.
    #[must_use]
    pub fn nav_path(&self) -> Option<(String, bool)> {
        if let Some(item) = self
            .manifest
            .values()
            .find(|i| i.properties.split_whitespace().any(|p| p == "nav"))
        {
            return Some((item.path.clone(), true));
        }
        let ncx = self
            .ncx
            .as_ref()
            .and_then(|id| self.manifest.get(id))
            .or_else(|| {
                self.manifest
                    .values()
                    .find(|i| i.media_type == "application/x-dtbncx+xml")
            })?;
        Some((ncx.path.clone(), false))
    }
}

/// Parse the package document at `opf_path`.
#[must_use]
pub fn parse(opf: &str, opf_path: &str) -> Package {
    let mut pkg = Package::default();
    let mut in_metadata = false;
    let mut field: Option<String> = None;
    let mut text = String::new();
    let ok = xml::walk(opf, |node| match node {
        Node::Start { name, attrs } => match name.as_str() {
            "metadata" => in_metadata = true,
            "title" | "creator" | "date" if in_metadata => {
                field = Some(name);
                text.clear();
            }
            "item" => {
                let (Some(id), Some(href)) = (attr(&attrs, "id"), attr(&attrs, "href")) else {
                    return;
                };
                let Some((path, _)) = resolve(opf_path, href) else {
                    return;
                };
                let item = Item {
                    path,
                    media_type: attr(&attrs, "media-type")
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    properties: attr(&attrs, "properties").unwrap_or("").to_string(),
                };
                pkg.manifest.insert(id.to_string(), item);
            }
            "spine" => pkg.ncx = attr(&attrs, "toc").map(str::to_string),
            "itemref" => {
                if let Some(id) = attr(&attrs, "idref") {
                    pkg.spine.push(id.to_string());
                }
            }
            _ => {}
        },
        Node::Text(t) if field.is_some() => text.push_str(&t),
        Node::Text(_) => {}
        Node::End(name) => {
            if name == "metadata" {
                in_metadata = false;
            }
            if field.as_deref() == Some(name.as_str()) {
                field = None;
                let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if value.is_empty() {
                    return;
                }
                match name.as_str() {
                    "title" if pkg.title.is_none() => pkg.title = Some(value),
                    "creator" => pkg.creators.push(value),
                    "date" if pkg.date.is_none() => pkg.date = Some(value),
                    _ => {}
                }
            }
        }
    });
    pkg.malformed = !ok;
    pkg
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPF: &str = r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>A  Book</dc:title><dc:creator>Ann Author</dc:creator>
    <dc:date>2020-01-02</dc:date>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/c1.xhtml" media-type="application/xhtml+xml"/>
    <item id="evil" href="../../etc/passwd" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="c1"/><itemref idref="evil"/></spine>
</package>"#;

    #[test]
    fn package_metadata_manifest_and_spine() {
        let pkg = parse(OPF, "OEBPS/content.opf");
        assert_eq!(pkg.title.as_deref(), Some("A Book"));
        assert_eq!(pkg.creators, ["Ann Author"]);
        assert_eq!(pkg.spine, ["c1", "evil"]);
        assert_eq!(pkg.manifest["c1"].path, "OEBPS/text/c1.xhtml");
        assert!(
            !pkg.manifest.contains_key("evil"),
            "a path outside is dropped"
        );
        assert_eq!(pkg.nav_path(), Some(("OEBPS/nav.xhtml".into(), true)));
    }

    #[test]
    fn container_names_the_package() {
        let c = r#"<container><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(c).as_deref(), Some("OEBPS/content.opf"));
        assert_eq!(rootfile("<container/>"), None);
    }
}
