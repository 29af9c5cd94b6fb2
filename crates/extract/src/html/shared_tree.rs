//! One parse for both extractors. Readability (`dom_smoothie`) reads a `dom_query`
//! document and the trafilatura crate an `ego_tree` of `scraper` nodes; each used to run
//! html5ever over the page on its own, and the two parses were a quarter of the
//! instructions extraction spends. The page is now parsed once, by `dom_query`, and its
//! tree copied node for node into the shape `scraper`'s parser would have built, which
//! costs a fraction of a parse (no tokenising, no tree-building rules).
//!
//! The copy must be the tree `scraper` would have built, or trafilatura's reading changes:
//! - templates: `dom_query` keeps a template's contents in a detached fragment, `scraper`
//!   under a `Fragment` node that is the template's first child;
//! - `<noscript>`: `dom_query` parses with scripting off (its content is markup), `scraper`
//!   with scripting on (its content is one raw text). `prepare` opens the body's into
//!   blocks and removes the head's, so the two agree (but on a page whose head never
//!   ends, where `prepare` cannot tell head from body and leaves them).
//!
//! Everything else (adjacent text merged, attributes in `scraper`'s sorted order, which
//! `Element::new` gives) is the same by construction.

use dom_query::NodeData;
use html5ever::{Attribute, LocalName, Namespace, Prefix, QualName};
use scraper::node::{Comment, Doctype, Element, ProcessingInstruction, Text};
use scraper::{Node, StrTendril};

/// The same name in the html5ever version `scraper` uses (`dom_query` is one version on,
/// and does not name its `QualName` type, hence a macro rather than a function).
macro_rules! qual_name {
    ($name:expr) => {{
        let name = $name;
        QualName::new(
            name.prefix.as_ref().map(|prefix| Prefix::from(&**prefix)),
            Namespace::from(&*name.ns),
            LocalName::from(&*name.local),
        )
    }};
}

/// The page parsed once: `dom_query`'s document, for readability.
pub fn parse(html: &str) -> dom_query::Document {
    dom_query::Document::from(html)
}

/// A copy of `doc`'s tree as `scraper` nodes, for the trafilatura crate's `Document`.
/// Walks the tree with an explicit stack: html5ever does not cap nesting depth, so a
/// recursive copy could overflow on a hostile page.
pub fn scraper_tree(doc: &dom_query::Document) -> ego_tree::Tree<Node> {
    let mut tree = ego_tree::Tree::new(Node::Document);
    let root = tree.root().id();
    // (dom_query node whose children are still to copy, the copy they go under)
    let mut pending = vec![(doc.root().id, root)];
    while let Some((source, target)) = pending.pop() {
        let mut child = doc.tree.first_child_of(&source);
        while let Some(node) = child {
            let (value, template_contents) = node
                .query(|n| (copy_value(&n.data), template_contents(&n.data)))
                .unwrap_or((None, None));
            if let Some(value) = value {
                let mut parent = tree.get_mut(target).expect("copied parent");
                let copied = parent.append(value).id();
                if let Some(contents) = template_contents {
                    let fragment = tree
                        .get_mut(copied)
                        .expect("copied template")
                        .append(Node::Fragment)
                        .id();
                    pending.push((contents, fragment));
                }
                pending.push((node.id, copied));
            }
            child = node.next_sibling();
        }
    }
    tree
}

fn template_contents(data: &NodeData) -> Option<dom_query::NodeId> {
    match data {
        NodeData::Element(element) => element.template_contents,
        _ => None,
    }
}

/// The `scraper` node for one `dom_query` node; `None` for a document or fragment node
/// below the root, which html5ever never puts in a document's tree.
fn copy_value(data: &NodeData) -> Option<Node> {
    Some(match data {
        NodeData::Element(element) => Node::Element(Element::new(
            qual_name!(&element.name),
            element
                .attrs
                .iter()
                .map(|attr| Attribute {
                    name: qual_name!(&attr.name),
                    value: tendril(&attr.value),
                })
                .collect(),
        )),
        NodeData::Text { contents } => Node::Text(Text {
            text: tendril(contents),
        }),
        NodeData::Comment { contents } => Node::Comment(Comment {
            comment: tendril(contents),
        }),
        NodeData::Doctype {
            name,
            public_id,
            system_id,
        } => Node::Doctype(Doctype {
            name: tendril(name),
            public_id: tendril(public_id),
            system_id: tendril(system_id),
        }),
        NodeData::ProcessingInstruction { target, contents } => {
            Node::ProcessingInstruction(ProcessingInstruction {
                target: tendril(target),
                data: tendril(contents),
            })
        }
        NodeData::Document | NodeData::Fragment => return None,
    })
}

fn tendril(text: &str) -> StrTendril {
    StrTendril::from_slice(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tree as text, one line per node with its depth, kind, name, namespace,
    /// attributes and text: two trees with the same dump are the same tree, whatever
    /// order their nodes were created in.
    fn dump(tree: &ego_tree::Tree<Node>) -> String {
        let mut out = String::new();
        for edge in tree.root().traverse() {
            let ego_tree::iter::Edge::Open(node) = edge else {
                continue;
            };
            let depth = node.ancestors().count();
            let line = match node.value() {
                Node::Element(e) => format!(
                    "<{} ns={} {:?}>",
                    &*e.name.local,
                    &*e.name.ns,
                    e.attrs()
                        .map(|(name, value)| format!("{name}={value}"))
                        .collect::<Vec<_>>()
                ),
                Node::Text(t) => format!("text {:?}", &*t.text),
                Node::Comment(c) => format!("comment {:?}", &*c.comment),
                Node::Doctype(d) => {
                    format!("doctype {} {} {}", d.name(), d.public_id(), d.system_id())
                }
                Node::ProcessingInstruction(p) => format!("pi {} {}", &*p.target, &*p.data),
                Node::Document => "document".to_string(),
                Node::Fragment => "fragment".to_string(),
            };
            out.push_str(&format!("{depth} {line}\n"));
        }
        out
    }

    fn assert_same_tree_as_scraper(html: &str) {
        let expected = dump(&scraper::Html::parse_document(html).tree);
        let copied = dump(&scraper_tree(&parse(html)));
        assert_eq!(copied, expected, "{html:?}");
    }

    #[test]
    fn the_copy_is_the_tree_scrapers_own_parse_builds() {
        for html in [
            "",
            "plain text, no tags",
            "<!DOCTYPE html><html lang=en><head><title>T &amp; U</title></head><body><p>a<p>b</body></html>",
            "<!doctype html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><p>x",
            "<p>one <b>two <i>three</b> four</i> five</p>",
            "<table><tr><td>cell</td></tr>stray text<div>fostered</div></table>",
            "<template><p>inside</p><template><b>nested</b></template></template><p>after",
            "<ul><li>a<li>b</ul><!-- a comment --><?xml version=\"1.0\"?>",
            "<svg viewBox='0 0 1 1'><a xlink:href='#x'><text>svg</text></a></svg><math><mi>x</mi></math>",
            "<div id=a class='b c' data-x=1 ID=dup>attrs</div>",
            "<p>text&nbsp;with&#x20AC;entities &copy</p>",
            "<head><meta charset=utf-8><link rel=canonical href=/a></head><body>b</body>",
            "<frameset><frame src=a></frameset>",
            "<select><option>a<option>b</select><textarea>raw <b>text</b></textarea>",
        ] {
            assert_same_tree_as_scraper(html);
        }
    }

    /// Pieces of HTML, valid and not, joined at random. `<noscript>` is left out: the
    /// parsers differ on it by design (see the module's comment), and `prepare` removes it.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=x>",
        "</div>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<template>",
        "</template>",
        "<svg>",
        "</svg>",
        "<li>",
        "<ul>",
        "</ul>",
        "<a href='/x'>",
        "</a>",
        "<!-- c -->",
        "<br>",
        "<img src=a>",
        "<title>",
        "</title>",
        "<head>",
        "<body>",
        "</body>",
        "<html>",
        "text",
        " ",
        "&amp;",
        "<form>",
        "</form>",
        "<h1>",
        "</h1>",
        "<span lang=de>",
        "</span>",
        "<pre>",
        "</pre>",
    ];

    proptest! {
        #[test]
        fn any_soup_of_tags_copies_to_scrapers_tree(picks in prop::collection::vec(0..PIECES.len(), 0..40)) {
            let html: String = picks.iter().map(|&i| PIECES[i]).collect();
            assert_same_tree_as_scraper(&html);
        }
    }
}
