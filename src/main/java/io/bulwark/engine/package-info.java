/**
 * The deterministic core of the exchange. Plain Java only: no Spring, no JPA, no Micrometer, no
 * wall clock and no randomness. Time enters through the timestamp the sequencer stamps on each
 * command; everything else is a pure function of the command stream. An architecture test keeps
 * frameworks out of this package.
 */
package io.bulwark.engine;
