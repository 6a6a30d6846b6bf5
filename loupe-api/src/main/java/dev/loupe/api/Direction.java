package dev.loupe.api;

/** Which end of a metric's range is "good", for sorting worst-first; NONE when neither is. */
public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER, NONE }
