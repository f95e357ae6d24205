package org.sbi4j.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Marks API that may still change without notice before the given date. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface Experimental {

    /** When the API is expected to be stable, as {@code uuuu-MM-dd}. */
    String eta();
}
