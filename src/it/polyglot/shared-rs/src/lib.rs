pub fn greeting() -> &'static str {
    "shared 1"
}
