package io.vigil.metrics;

/** The metric types Vigil's directly written families use. */
enum FamilyType { GAUGE, COUNTER, INFO }
