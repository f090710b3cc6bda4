//! PNG placeholder
