/// Name pools for the fictional sample district. Mixed origins and accents on purpose: the mail writer
/// and the imports must carry `José Muñoz` and `Nguyễn` intact.
enum SampleNames {
    static let given = [
        "José", "María", "Zoë", "Renée", "Chloé", "Ana", "Liam", "Olivia", "Noah", "Emma", "Mateo", "Sofía", "Aarav",
        "Mei", "Kwame", "Amara", "Dmitri", "Léa", "Jalen", "Imani", "Hiroshi", "Nadia", "Omar", "Fatima", "Luca",
        "Isabella", "Ethan", "Ava", "Thanh", "Linh", "Santiago", "Camila", "Kai", "Aisha", "Mohammed", "Yara",
        "Diego", "Valentina", "Elijah", "Maya", "Björn", "Søren", "Ines", "Tomás", "Ngozi", "Chidi", "Priya",
        "Arjun", "Lucía", "Mason",
    ]
    static let family = [
        "Muñoz", "García", "Nguyễn", "O'Brien", "Smith", "Johnson", "Okafor", "Kowalski", "Müller", "Rossi", "Chen",
        "Patel", "Haddad", "Andersson", "Dubois", "Ramírez", "Kim", "Santos", "Ivanova", "Tanaka", "Williams",
        "Brown", "Hernández", "López", "Mensah", "Novak", "Silva", "Begay", "Yazzie", "Cohen", "Díaz", "Schmidt",
        "Nakamura", "Osei", "Fernández", "Lee", "Martin", "Jovanović", "Ahmed", "Reyes",
    ]
    static let schoolTrees = [
        "Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hawthorn", "Ironwood", "Juniper", "Kapok",
        "Larch", "Maple", "Nutmeg", "Oak", "Pine", "Quince", "Redwood", "Sycamore", "Tamarack", "Upas", "Willow",
        "Yew", "Zelkova",
    ]
    static let partnerWords = [
        "Bright Futures", "ReadUp", "Math Circle", "Kickstart Soccer", "Green Thumbs", "Code Club", "Harmony Music",
        "Mentor Bridge", "Art Spark", "Chess Knights", "Science Sprouts", "Debate Den", "Story Lanterns",
        "Robotics Guild", "Dance Steps", "Homework Haven",
    ]
    static let programKinds = [
        ("Tutoring", "TUT"), ("After-School Club", "CLB"), ("Mentoring", "MEN"), ("Summer Bridge", "SBR"),
    ]
    static let contactNames = [
        "Dana Reyes", "Sam Okafor", "Alex Kim", "Jordan Silva", "Riley Chen", "Morgan Díaz", "Casey Novak",
        "Taylor Mensah", "Jamie Rossi", "Avery Patel", "Quinn Haddad", "Rowan Schmidt",
    ]
}
