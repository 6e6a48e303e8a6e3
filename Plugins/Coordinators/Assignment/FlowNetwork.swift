/// A residual flow network in compressed rows: every arc is stored beside its reverse, with the
/// capacity left on it and a small cost. Sized for assignment networks of millions of arcs with
/// capacities that fit in 32 bits.
///
/// `maxFlow` (Dinic's blocking flows) and `minCostFlow` (primal-dual: shortest paths by
/// buckets over reduced costs, then blocking flows on the zero-reduced-cost arcs) both augment
/// whatever flow the network already carries, so a caller can raise capacities and go on.
struct FlowNetwork: Sendable {
    /// Collects arcs in any order; `build()` lays them out by tail node.
    struct Builder {
        private(set) var nodeCount: Int
        private var tails: [Int32] = []
        private var heads: [Int32] = []
        private var capacities: [Int32] = []
        private var costs: [Int8] = []

        init(nodeCount: Int) { self.nodeCount = nodeCount }

        /// A new node's index.
        mutating func addNode() -> Int {
            nodeCount += 1
            return nodeCount - 1
        }

        /// Adds an arc from `tail` to `head`.
        mutating func addArc(from tail: Int, to head: Int, capacity: Int, cost: Int = 0) {
            tails.append(Int32(tail))
            heads.append(Int32(head))
            capacities.append(Int32(capacity))
            costs.append(Int8(cost))
        }

        mutating func reserve(arcs: Int) {
            tails.reserveCapacity(arcs)
            heads.reserveCapacity(arcs)
            capacities.reserveCapacity(arcs)
            costs.reserveCapacity(arcs)
        }

        consuming func build() -> FlowNetwork { FlowNetwork(self) }

        fileprivate var arcs: (tails: [Int32], heads: [Int32], capacities: [Int32], costs: [Int8]) { (tails, heads, capacities, costs) }
    }

    let nodeCount: Int
    /// Rows: the arcs leaving node `u` are `firstArc[u] ..< firstArc[u + 1]`.
    let firstArc: [Int32]
    let head: [Int32]
    let reverse: [Int32]
    let cost: [Int8]
    /// The capacity left on each arc; the flow on an arc is the residual of its reverse.
    var residual: [Int32]

    private init(_ builder: Builder) {
        let (tails, heads, capacities, costs) = builder.arcs
        let nodes = builder.nodeCount
        var degree = [Int32](repeating: 0, count: nodes + 1)
        for index in tails.indices {
            degree[Int(tails[index]) + 1] += 1
            degree[Int(heads[index]) + 1] += 1
        }
        for node in 0..<nodes { degree[node + 1] += degree[node] }
        let total = 2 * tails.count
        var next = degree
        var head = [Int32](repeating: 0, count: total)
        var reverse = [Int32](repeating: 0, count: total)
        var residual = [Int32](repeating: 0, count: total)
        var cost = [Int8](repeating: 0, count: total)
        for index in tails.indices {
            let tail = Int(tails[index]), to = Int(heads[index])
            let forward = Int(next[tail]), backward = Int(next[to])
            next[tail] += 1
            next[to] += 1
            head[forward] = Int32(to)
            head[backward] = Int32(tail)
            reverse[forward] = Int32(backward)
            reverse[backward] = Int32(forward)
            residual[forward] = capacities[index]
            cost[forward] = costs[index]
            cost[backward] = -costs[index]
        }
        self.nodeCount = nodes
        self.firstArc = degree
        self.head = head
        self.reverse = reverse
        self.residual = residual
        self.cost = cost
    }

    /// The position of the arc from `tail` to `head` in `tail`'s row: the arc the builder added,
    /// when none was added from `head` to `tail` (whose reverse would share the row).
    func arc(from tail: Int, to head: Int) -> Int? {
        (Int(firstArc[tail])..<Int(firstArc[tail + 1])).first { Int(self.head[$0]) == head }
    }

    /// The flow on the arc at `position`.
    func flow(at position: Int) -> Int { Int(residual[Int(reverse[position])]) }

    /// Sets the capacity of the arc at `position` to `capacity`, keeping its flow (which must
    /// not exceed it).
    mutating func setCapacity(at position: Int, to capacity: Int) {
        residual[position] = Int32(capacity) - residual[Int(reverse[position])]
    }

    /// Augments the flow from `source` to `sink` until no augmenting path is left; returns the
    /// flow added.
    mutating func maxFlow(from source: Int, to sink: Int) -> Int {
        let potential = [Int32](repeating: 0, count: 0)
        return blockingFlows(from: source, to: sink, potential: potential)
    }

    /// Augments the flow from `source` to `sink` to a maximum flow of least cost among those
    /// extending the present flow's cost-optimality (start from the zero flow for the least-cost
    /// maximum flow). Arc costs must be non-negative. Returns the flow added.
    mutating func minCostFlow(from source: Int, to sink: Int) -> Int {
        var potential = [Int32](repeating: 0, count: nodeCount)
        var added = 0
        while raisePotentials(from: source, to: sink, &potential) {
            added += blockingFlows(from: source, to: sink, potential: potential)
        }
        return added
    }

    /// The nodes reachable from `source` along arcs with capacity left: the source side of a
    /// minimum cut once the flow is maximum.
    func reachable(from source: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: nodeCount)
        var queue = [Int32(source)]
        seen[source] = true
        var front = 0
        while front < queue.count {
            let node = Int(queue[front])
            front += 1
            for arc in Int(firstArc[node])..<Int(firstArc[node + 1]) where residual[arc] > 0 && !seen[Int(head[arc])] {
                seen[Int(head[arc])] = true
                queue.append(head[arc])
            }
        }
        return seen
    }

    // MARK: - Dinic's blocking flows

    /// Blocking flows on the level graph until the sink is unreachable. With a non-empty
    /// `potential`, only arcs of zero reduced cost are used.
    private mutating func blockingFlows(from source: Int, to sink: Int, potential: [Int32]) -> Int {
        var level = [Int32](repeating: -1, count: nodeCount)
        var current = [Int32](repeating: 0, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var path = [Int32](repeating: 0, count: nodeCount)
        var total = 0
        let restricted = !potential.isEmpty
        firstArc.withUnsafeBufferPointer { first in
        head.withUnsafeBufferPointer { head in
        reverse.withUnsafeBufferPointer { reverse in
        cost.withUnsafeBufferPointer { cost in
        potential.withUnsafeBufferPointer { potential in
        residual.withUnsafeMutableBufferPointer { residual in
        level.withUnsafeMutableBufferPointer { level in
        current.withUnsafeMutableBufferPointer { current in
        queue.withUnsafeMutableBufferPointer { queue in
        path.withUnsafeMutableBufferPointer { path in
            @inline(__always) func usable(_ arc: Int, _ from: Int, _ to: Int) -> Bool {
                residual[arc] > 0 && (!restricted || Int32(cost[arc]) + potential[from] - potential[to] == 0)
            }
            while true {
                // Levels by breadth-first search from the source.
                for node in 0..<level.count { level[node] = -1 }
                level[source] = 0
                queue[0] = Int32(source)
                var front = 0, back = 1
                while front < back, level[sink] < 0 {
                    let node = Int(queue[front])
                    front += 1
                    for arc in Int(first[node])..<Int(first[node + 1]) {
                        let to = Int(head[arc])
                        if level[to] < 0 && usable(arc, node, to) {
                            level[to] = level[node] + 1
                            queue[back] = Int32(to)
                            back += 1
                        }
                    }
                }
                if level[sink] < 0 { break }
                for node in 0..<current.count { current[node] = first[node] }
                // Augmenting paths along rising levels, each arc tried once per phase.
                var node = source, length = 0
                while true {
                    if node == sink {
                        var bottleneck = Int32.max
                        for step in 0..<length { bottleneck = min(bottleneck, residual[Int(path[step])]) }
                        var retreat = length
                        for step in 0..<length {
                            let arc = Int(path[step])
                            residual[arc] -= bottleneck
                            residual[Int(reverse[arc])] += bottleneck
                            if residual[arc] == 0 && retreat == length { retreat = step }
                        }
                        total += Int(bottleneck)
                        length = retreat
                        node = length == 0 ? source : Int(head[Int(path[length - 1])])
                        continue
                    }
                    var advanced = false
                    let end = Int(first[node + 1])
                    while Int(current[node]) < end {
                        let arc = Int(current[node])
                        let to = Int(head[arc])
                        if level[to] == level[node] + 1 && usable(arc, node, to) {
                            path[length] = Int32(arc)
                            length += 1
                            node = to
                            advanced = true
                            break
                        }
                        current[node] += 1
                    }
                    if advanced { continue }
                    if node == source { break }
                    level[node] = -1
                    length -= 1
                    node = length == 0 ? source : Int(head[Int(path[length - 1])])
                    current[node] += 1
                }
            }
        }}}}}}}}}}
        return total
    }

    // MARK: - Shortest paths for the primal-dual method

    /// Distances from `source` over arcs with capacity left, by reduced cost, with buckets (the
    /// reduced costs are small non-negative integers); then raises every potential by its
    /// distance, capped at the sink's, so that the arcs of shortest paths have zero reduced cost.
    /// False when the sink is unreachable.
    private func raisePotentials(from source: Int, to sink: Int, _ potential: inout [Int32]) -> Bool {
        let unreached = Int32.max
        var distance = [Int32](repeating: unreached, count: nodeCount)
        var buckets: [[Int32]] = [[Int32(source)]]
        distance[source] = 0
        var bucket = 0
        while bucket < buckets.count, distance[sink] == unreached || bucket <= Int(distance[sink]) {
            var index = 0
            while index < buckets[bucket].count {
                let node = Int(buckets[bucket][index])
                index += 1
                guard distance[node] == Int32(bucket) else { continue }
                for arc in Int(firstArc[node])..<Int(firstArc[node + 1]) where residual[arc] > 0 {
                    let to = Int(head[arc])
                    let reduced = Int32(cost[arc]) + potential[node] - potential[to]
                    let candidate = Int32(bucket) + reduced
                    if candidate < distance[to] {
                        distance[to] = candidate
                        while buckets.count <= Int(candidate) { buckets.append([]) }
                        buckets[Int(candidate)].append(Int32(to))
                    }
                }
            }
            buckets[bucket] = []
            bucket += 1
        }
        guard distance[sink] != unreached else { return false }
        let cap = distance[sink]
        for node in 0..<nodeCount { potential[node] += min(distance[node], cap) }
        return true
    }
}
