//! plain_output
