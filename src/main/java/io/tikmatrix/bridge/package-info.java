/**
 * The house: {@code BridgeMain} (the launcher and its exit codes), {@code Bridge} (the Camel context and the
 * beans the routes call) and {@code BridgeCheck} ({@code --check}). It puts the rooms together, so it may import
 * every room, and no room imports it (docs/ARCHITECTURE.md, "The rooms"; {@code RoomsTest} keeps it so).
 */
package io.tikmatrix.bridge;
