export {};
//# sourceMappingURL=propagator.js.map