package org.sbi4j.api;

/** Who is at fault when something goes wrong; decides the CLI's exit code (2 for a user error, else 1). */
public enum ErrorType {
    /** Bad input: a config, a file or an argument the user can fix. */
    USER_ERROR,
    /** A bug or a broken invariant inside sbi4j or a plugin. */
    INTERNAL_ERROR,
    /** Out of memory, disk or time. */
    INSUFFICIENT_RESOURCES,
    /** Something outside sbi4j failed, e.g. a file system. */
    EXTERNAL
}
