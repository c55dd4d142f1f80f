//! The server's layers, read from its source: no module imports a layer above its own, and no two
//! modules depend on each other, directly or around a loop (a parent module and its children
//! included: a `mod.rs` composes its children and they never reach back into it).
//!
//! Each file under `src/` is a module (`lib.rs` the crate root, `http/mod.rs` is `http`,
//! `http/orders.rs` is `http::orders`); its dependencies are the modules named by the `crate::`,
//! `super::` and `self::` paths in its code (comments and string literals aside, `use` groups
//! expanded) and by paths through its own child modules (`spa::serve` in `http/mod.rs`). A path
//! leads to the longest module it names (`crate::store::orders::add_event` is `store::orders`).
//!
//! The layers, from the top (each may use its own and those below):
//! 4. `http`; 3. `domain` and `seed`; 2. `store`; 1. everything else (the foundation).
//!    The crate root (`lib.rs`) starts the server and may use all of them; nothing uses it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`""` for the crate root) → its code without comments and literals.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    let mut pending = vec![src.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("source entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
                continue; // main.rs is the binary: it uses the library from outside.
            }
            let relative = path.strip_prefix(&src).expect("under src").with_extension("");
            let mut segments: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if segments.last().is_some_and(|s| s == "mod" || s == "lib") {
                segments.pop();
            }
            let source = std::fs::read_to_string(&path).expect("source file");
            modules.insert(segments.join("::"), code_only(&source));
        }
    }
    modules
}

/// The source with comments, string literals and character literals blanked out.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && (i == 0 || !ident(chars[i - 1]) || chars[i - 1] == 'b') {
            // A raw string: r"…", r#"…"#, br##"…"##.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() && !(chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#'))) {
                j += 1;
            }
            i = j + 1 + hashes;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c); // a lifetime's quote stays: it is no literal
            i += 1;
        }
    }
    out
}

/// The code as tokens: identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}

/// One path as written: its segments, and the name it binds when it is imported (its last
/// segment, or what follows `as`; none for a glob).
type Written = (Vec<String>, Option<String>);

fn is_ident(token: &str) -> bool {
    token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The paths starting at `tokens[*at]`, `use` groups expanded. `*at` moves past them.
fn paths_at(tokens: &[String], at: &mut usize) -> Vec<Written> {
    let mut prefix = vec![tokens[*at].clone()];
    *at += 1;
    while tokens.get(*at).is_some_and(|t| t == "::") {
        *at += 1;
        match tokens.get(*at).map(String::as_str) {
            Some("{") => {
                *at += 1;
                let mut paths = Vec::new();
                while *at < tokens.len() && tokens[*at] != "}" {
                    match tokens[*at].as_str() {
                        "self" => {
                            *at += 1;
                            let name = alias(tokens, at).or_else(|| prefix.last().cloned());
                            paths.push((prefix.clone(), name));
                        }
                        "*" => {
                            *at += 1;
                            paths.push((prefix.clone(), None));
                        }
                        t if is_ident(t) => {
                            for (inner, name) in paths_at(tokens, at) {
                                paths.push((prefix.iter().cloned().chain(inner).collect(), name));
                            }
                        }
                        _ => *at += 1,
                    }
                }
                *at += 1;
                return paths;
            }
            Some("*") => {
                *at += 1;
                return vec![(prefix, None)];
            }
            Some(t) if is_ident(t) => {
                prefix.push(t.to_owned());
                *at += 1;
            }
            _ => break,
        }
    }
    let name = alias(tokens, at).or_else(|| prefix.last().cloned());
    vec![(prefix, name)]
}

/// The name after `as`, if `tokens[*at]` is `as` (moving past it).
fn alias(tokens: &[String], at: &mut usize) -> Option<String> {
    if tokens.get(*at).is_some_and(|t| t == "as") {
        *at += 2;
        return tokens.get(*at - 1).cloned();
    }
    None
}

/// The modules `module` (with code `code`) depends on, other than itself.
fn dependencies(module: &str, code: &str, all: &BTreeMap<String, String>) -> BTreeSet<String> {
    let tokens = tokens(code);
    let own: Vec<String> = if module.is_empty() { Vec::new() } else { module.split("::").map(str::to_owned).collect() };
    // Where an inline module begins (`mod tests {`): inside it, `super` is this file's module.
    let inline_from =
        (0..tokens.len()).find(|&i| tokens[i] == "mod" && tokens.get(i + 2).is_some_and(|t| t == "{")).unwrap_or(tokens.len());
    let children: BTreeSet<&str> = (0..inline_from)
        .filter(|&i| tokens[i] == "mod" && tokens.get(i + 2).is_some_and(|t| t == ";"))
        .map(|i| tokens[i + 1].as_str())
        .collect();
    // Names bound by `use` to a place in this crate (`use crate::{domain, store};`).
    let mut bindings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_path = tokens.get(i + 1).is_some_and(|t| t == "::") && (i == 0 || (tokens[i - 1] != "::" && tokens[i - 1] != "."));
        if !starts_path {
            i += 1;
            continue;
        }
        let (inline, imported) = (i >= inline_from, i > 0 && tokens[i - 1] == "use");
        for (path, name) in paths_at(&tokens, &mut i) {
            // The path from the crate root, if it leads into this crate.
            let absolute: Option<Vec<String>> = match path[0].as_str() {
                "crate" => Some(path[1..].to_vec()),
                "self" if inline => None,
                "self" => Some(own.iter().chain(&path[1..]).cloned().collect()),
                "super" => {
                    let ups = path.iter().take_while(|s| *s == "super").count() - usize::from(inline);
                    Some(own[..own.len().saturating_sub(ups)].iter().chain(path.iter().skip_while(|s| *s == "super")).cloned().collect())
                }
                first if !inline && children.contains(first) => Some(own.iter().chain(&path).cloned().collect()),
                first => bindings.get(first).map(|bound| bound.iter().chain(&path[1..]).cloned().collect()),
            };
            let Some(absolute) = absolute else { continue };
            if imported && let Some(name) = name {
                bindings.insert(name, absolute.clone());
            }
            // The longest module the path names.
            let mut target = String::new();
            for segment in &absolute {
                let deeper = if target.is_empty() { segment.clone() } else { format!("{target}::{segment}") };
                if !all.contains_key(&deeper) {
                    break;
                }
                target = deeper;
            }
            if target != module {
                found.insert(target);
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let all = modules();
    all.iter().map(|(module, code)| (module.clone(), dependencies(module, code, &all))).collect()
}

fn name(module: &str) -> &str {
    if module.is_empty() { "crate" } else { module }
}

/// 4 for `http`, 3 for `domain` and `seed`, 2 for `store`, 1 for the foundation, 5 for the root.
fn layer(module: &str) -> u8 {
    match module.split("::").next().unwrap_or("") {
        "" => 5,
        "http" => 4,
        "domain" | "seed" => 3,
        "store" => 2,
        _ => 1,
    }
}

/// Every cycle in the graph, each as the modules around it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|m| m == node) {
            found.push(path[at..].iter().cloned().chain([node.to_owned()]).collect());
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn no_module_depends_on_itself_around_a_loop() {
    let graph = graph();
    let cycles: Vec<String> = cycles(&graph).iter().map(|c| c.iter().map(|m| name(m)).collect::<Vec<_>>().join(" → ")).collect();
    assert!(cycles.is_empty(), "module cycles:\n  {}", cycles.join("\n  "));
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (module, uses) in graph() {
        for used in uses {
            if layer(&used) > layer(&module) {
                wrong.push(format!("{} uses {}", name(&module), name(&used)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports upwards (http > domain, seed > store > foundation):\n  {}", wrong.join("\n  "));
}

#[test]
fn the_graph_is_read_from_the_source() {
    let graph = graph();
    let uses = |from: &str, to: &str| graph.get(from).is_some_and(|u| u.contains(to));
    assert!(graph.len() > 30, "{} modules", graph.len());
    assert!(uses("http::orders", "domain::orders"), "through `use crate::{{domain, store}}`");
    assert!(uses("domain::orders", "store::orders"), "a `use crate::…::{{self, …}}` group");
    assert!(uses("http::orders", "store::orders"));
    assert!(uses("http", "http::spa"), "a path through a child module");
    assert!(uses("domain::checkout", "store::promos"));
    assert!(uses("seed::contact", "tz"), "in a test module");
    assert!(!uses("http::error", "http"), "`super::*` in a test module is the file's own module");
}

#[test]
fn comments_and_literals_are_not_code() {
    let code = code_only("let a = \"crate::http\"; // crate::http\n/* crate::http */ let b = r#\"crate::http\"#; let c = '\"'; f::<'a>()");
    assert!(!code.contains("crate"), "{code}");
    assert!(code.contains("<'a>"), "{code}");
    let all: BTreeMap<String, String> = ["", "a", "a::b", "c", "c::d"].into_iter().map(|m| (m.to_owned(), String::new())).collect();
    let found = dependencies("c::e", "use crate::{a::{self, b::X}, c::d as D}; use super::d::*; pub(super) fn f() {}", &all);
    assert_eq!(found, ["a", "a::b", "c::d"].into_iter().map(str::to_owned).collect());
    let found = dependencies("c::e", "use crate::{a, c}; fn f() { a::b::g(); c::d::h() }", &all);
    assert_eq!(found, ["a", "a::b", "c", "c::d"].into_iter().map(str::to_owned).collect(), "through an imported module");
}
