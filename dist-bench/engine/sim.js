export {};
//# sourceMappingURL=sim.js.map