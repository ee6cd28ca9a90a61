//! Links the `lectern` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable carries about 40,000 relocations (the tables of the
//! Unicode, entity and encoding crates) that the dynamic loader applies at every start,
//! copying the 750 KB they live in page by page: 190 more page faults and about 0.5 ms before
//! `main`, a third of a pager's first frame. Linked at a fixed address the binary starts as
//! fast as `less` and is 1 MB smaller. The cost is that the binary's own code is not placed at a
//! random address (the libraries, heap and stacks still are); lectern has no `unsafe` code.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        println!("cargo:rustc-link-arg-bin=lectern=-no-pie");
    }
}
