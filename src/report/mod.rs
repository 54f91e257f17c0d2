//! Reports computed from the store, and the renderers every printed record goes through.

pub mod render;
