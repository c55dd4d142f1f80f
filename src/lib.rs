//! Vitrina app
