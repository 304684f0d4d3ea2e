package io.tikmatrix.bridge;

public class BridgeMain {
    public static void main(String[] args) {
    }
}
