/**
 * Several TikMatrix PCs behind one bridge (README, "Fleet and cluster"): the hosts the configuration declares
 * ({@code Fleet}), the device serials and usernames each host has, learned from its {@code GET /rpc/devices} and
 * {@code GET /accounts} or its static map ({@code HostInventory}), and a descriptor's {@code serials} and
 * {@code usernames} split by host ({@code HostRouting}). It submits nothing and writes no route: the submission
 * pipeline calls it. With no host declared it is one host, {@code default}, and asks nothing of TikMatrix.
 *
 * <p>May import: api, config, json, store.
 */
package io.tikmatrix.bridge.fleet;
