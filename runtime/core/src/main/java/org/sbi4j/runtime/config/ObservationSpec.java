package org.sbi4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where one observation x₀ comes from: exactly one of a CSV {@code file} (header row, one data row; several rows
 * with {@code iid: true}), inline {@code values}, or the number of a stored {@code reference} observation of a
 * benchmark task.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ObservationSpec {
    /** A CSV file with a header row and one data row; relative paths are taken from the sbi4j home. */
    public String file;
    /** The observation written inline. */
    public List<Double> values;
    /** A stored reference observation of the simulator (benchmark tasks), numbered from 1. */
    public Integer reference;
    /** A name for the output folder; defaults to obs01, obs02, ... */
    public String name;
    /**
     * With a {@code file}: its rows are i.i.d. observations x₁ … x_m of one θ, answered as one posterior
     * p(θ | x₁, …, x_m) ∝ p(θ) Π_j r(x_j | θ); needs an estimator whose posterior is drawn through its density
     * (nre, nle, likelihood).
     */
    public Boolean iid;
}
