//! The HTML parsing rules the streaming renderer keeps (from the HTML standard's tree
//! construction, "in body"): which elements are special, which start tags close an open `<p>`,
//! where a search for an open element stops (its scope), which elements carry formatting.

/// Where a search for an open element stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Tables, cells, captions, objects, templates and foreign integration points.
    Default,
    /// The default scope and lists (for `li`).
    ListItem,
    /// The default scope and buttons (for `p`).
    Button,
    /// Tables and templates only (for table parts).
    Table,
}

/// True when `name` ends the search in `scope`.
pub fn is_boundary(scope: Scope, name: &str) -> bool {
    let default = matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    ) || is_integration(name);
    match scope {
        Scope::Default => default,
        Scope::ListItem => default || matches!(name, "ol" | "ul"),
        Scope::Button => default || name == "button",
        Scope::Table => matches!(name, "html" | "table" | "template"),
    }
}

/// SVG and `MathML` elements whose content is HTML again.
pub fn is_integration(name: &str) -> bool {
    matches!(
        name,
        "foreignObject" | "foreignobject" | "desc" | "mi" | "mo" | "mn" | "ms" | "mtext"
    )
}

/// HTML elements that end SVG or `MathML` content when they start inside it.
pub fn leaves_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Elements whose formatting goes on in the next block when a block's end closes them.
pub fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements that keep formatting from outside them from being reopened inside.
pub fn is_marker(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "caption" | "applet" | "object" | "marquee" | "template"
    )
}

/// `h1` … `h6`.
pub fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Parts of a table (ignored outside one).
pub fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "caption" | "colgroup" | "col" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
    )
}

/// Elements that may stand in a page's head (anything else starts the body).
pub fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "link"
            | "meta"
            | "noframes"
            | "noscript"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}

/// Start tags that close an open `<p>`.
pub fn closes_p(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "header"
                | "hgroup"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "pre"
                | "listing"
                | "form"
                | "li"
                | "dd"
                | "dt"
                | "plaintext"
                | "table"
                | "hr"
                | "xmp"
        )
}

/// Start tags before which closed formatting elements are reopened (inline content).
pub fn reconstructs(name: &str) -> bool {
    !(closes_p(name)
        || is_table_part(name)
        || is_head_content(name)
        || matches!(
            name,
            "textarea" | "iframe" | "noembed" | "param" | "source" | "track" | "frameset"
        ))
}

/// The standard's special elements: an end tag for another element never closes them.
pub fn is_special(name: &str) -> bool {
    closes_p(name)
        || is_table_part(name)
        || is_head_content(name)
        || matches!(
            name,
            "applet"
                | "area"
                | "body"
                | "br"
                | "button"
                | "embed"
                | "frame"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "img"
                | "input"
                | "keygen"
                | "marquee"
                | "noembed"
                | "object"
                | "param"
                | "select"
                | "source"
                | "table"
                | "template"
                | "textarea"
                | "track"
                | "wbr"
        )
}
