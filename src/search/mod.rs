//! Search: matches as byte ranges in text coordinates (stub).
