//! The core's modules import each other without a circle (issue 19): read from the sources, every
//! `crate::<module>` a top-level module names outside its `#[cfg(test)]` part is an edge, and the
//! graph must be acyclic, so each module can be read (and tested) knowing only those below it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level modules named by `crate::a`, `crate::a::b` and `crate::{a, b::c}` in `src`.
fn named_modules(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = src;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's items are split at its top-level commas; each names the module first.
            let mut depth = 0;
            let mut item_start = true;
            let mut word = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !word.is_empty() {
                            out.insert(std::mem::take(&mut word));
                        }
                        item_start = true;
                    }
                    c if item_start && (c.is_ascii_alphanumeric() || c == '_') => word.push(c),
                    _ if item_start && !word.is_empty() => {
                        out.insert(std::mem::take(&mut word));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            if !word.is_empty() {
                out.insert(word);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

fn without_tests(src: &str) -> &str {
    src.find("#[cfg(test)]").map_or(src, |i| &src[..i])
}

fn core_graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap();
            let top = top.trim_end_matches(".rs").to_string();
            if top == "lib" {
                continue;
            }
            let src = fs::read_to_string(&path).unwrap();
            let mut deps = named_modules(without_tests(&src));
            deps.remove(&top);
            graph.entry(top).or_default().extend(deps);
        }
    }
    graph
}

/// One circle of `graph`, if it has any.
fn a_circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        m: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut circle = path[i..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if !done.insert(m.to_string()) {
            return None;
        }
        path.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(graph, m, &mut Vec::new(), &mut done))
}

#[test]
fn the_core_has_no_import_circle() {
    let graph = core_graph();
    // The reader sees the edges it must: a check that read nothing would pass any graph.
    assert!(graph["fetcher"].contains("vault"), "{graph:?}");
    assert!(graph["json"].contains("fetcher"), "{graph:?}");
    assert!(graph["prefetch"].contains("endorser"), "{graph:?}");
    assert!(graph.len() >= 20, "{graph:?}");
    assert_eq!(a_circle(&graph), None, "{graph:?}");
}

#[test]
fn the_reader_finds_grouped_and_nested_imports() {
    let src = "use crate::{a, b::{C, d::E}, f::G};\nuse crate::h::I;\nlet x = crate::j::k();";
    let found: Vec<_> = named_modules(src).into_iter().collect();
    assert_eq!(found, ["a", "b", "f", "h", "j"]);
    assert_eq!(
        named_modules(without_tests(
            "use crate::a;\n#[cfg(test)]\nmod tests { use crate::b; }"
        )),
        BTreeSet::from(["a".to_string()])
    );
}

#[test]
fn the_circle_finder_finds_a_seeded_circle() {
    let mut g = Graph::new();
    for (from, to) in [
        ("json", "fetcher"),
        ("fetcher", "vault"),
        ("vault", "json"),
        ("pool", "clock"),
    ] {
        g.entry(from.into()).or_default().insert(to.into());
    }
    let circle = a_circle(&g).expect("json -> fetcher -> vault -> json");
    assert_eq!(circle.first(), circle.last());
    assert_eq!(circle.len(), 4, "{circle:?}");
    g.get_mut("vault").unwrap().clear();
    assert_eq!(a_circle(&g), None);
}
