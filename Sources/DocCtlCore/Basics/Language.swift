/// The two label languages docctl renders.
public enum Language: String, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case en = "en"
}
